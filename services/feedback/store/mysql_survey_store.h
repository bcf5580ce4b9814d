// SurveyStore on MySQL (schema: migrations/0001_surveys_and_responses.sql).
#ifndef CX_SERVICES_FEEDBACK_STORE_MYSQL_SURVEY_STORE_H_
#define CX_SERVICES_FEEDBACK_STORE_MYSQL_SURVEY_STORE_H_

#include "common/mysql/connection_pool.h"
#include "services/feedback/store/survey_store.h"

namespace cx::feedback {

class MysqlSurveyStore final : public SurveyStore {
 public:
  // `pool` must outlive the store.
  explicit MysqlSurveyStore(ConnectionPool* pool) : pool_(pool) {}

  absl::StatusOr<v1::Survey> Create(const std::string& tenant,
                                    const std::string& id,
                                    const v1::Survey& survey,
                                    const std::string& request_id) override;
  absl::StatusOr<v1::Survey> Get(const std::string& tenant,
                                 const std::string& id, int version) override;
  absl::StatusOr<SurveyPage> List(const std::string& tenant,
                                  const SurveyListQuery& query) override;
  absl::StatusOr<v1::Survey> Mutate(
      const std::string& tenant, const std::string& id,
      const std::string& etag,
      absl::FunctionRef<absl::StatusOr<SurveyWrite>(v1::Survey&)> change)
      override;

 private:
  ConnectionPool* pool_;
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_MYSQL_SURVEY_STORE_H_
