#include "services/feedback/store/mysql_survey_store.h"

#include "absl/strings/str_cat.h"
#include "common/mysql/keyset_page.h"
#include "common/mysql/sql_time.h"
#include "common/status/errors.h"
#include "services/feedback/store/resource_names.h"

namespace cx::feedback {
namespace {

constexpr char kSurveyType[] = "cx.feedback.v1.Survey";

absl::StatusOr<v1::Survey> ParseBody(const std::string& body,
                                     int64_t revision) {
  v1::Survey survey;
  if (!survey.ParseFromString(body)) {
    return absl::DataLossError("stored survey cannot be parsed");
  }
  if (revision > 0) survey.set_etag(SurveyEtag(revision));
  return survey;
}

// Reads one survey row (optionally locking it) into `out`.
absl::Status ReadHead(Session& s, const std::string& tenant,
                      const std::string& id, bool for_update, v1::Survey* out,
                      int64_t* revision) {
  auto rs = s.QueryArgs(
      for_update ? "SELECT body, revision FROM surveys "
                   "WHERE tenant_id = ? AND id = ? FOR UPDATE"
                 : "SELECT body, revision FROM surveys "
                   "WHERE tenant_id = ? AND id = ?",
      tenant, id);
  if (!rs->next()) return NotFound(kSurveyType, SurveyName(id));
  *revision = rs->getInt64("revision");
  auto survey = ParseBody(GetBytes(*rs, "body"), *revision);
  if (!survey.ok()) return survey.status();
  *out = *std::move(survey);
  return absl::OkStatus();
}

void WriteHead(Session& s, const std::string& tenant, const std::string& id,
               const v1::Survey& survey, int64_t revision) {
  v1::Survey body = survey;
  body.clear_etag();
  s.ExecuteArgs(
      "UPDATE surveys SET state = ?, audience = ?, version = ?, revision = ?, "
      "body = ?, update_time = ? WHERE tenant_id = ? AND id = ?",
      static_cast<int>(survey.state()), static_cast<int>(survey.audience()),
      survey.version(), revision, body.SerializeAsString(),
      ToSqlDatetime(FromProto(survey.update_time())), tenant, id);
}

}  // namespace

absl::StatusOr<v1::Survey> MysqlSurveyStore::Create(
    const std::string& tenant, const std::string& id, const v1::Survey& input,
    const std::string& request_id) {
  v1::Survey survey = input;
  survey.set_name(SurveyName(id));
  const absl::Status status = pool_->Transact([&](Session& s) {
    s.ExecuteArgs(
        "INSERT INTO surveys (tenant_id, id, state, audience, version, "
        "revision, request_id, body, create_time, update_time) "
        "VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
        tenant, id, static_cast<int>(survey.state()),
        static_cast<int>(survey.audience()), survey.version(),
        request_id.empty() ? SqlValue(SqlNull{}) : SqlValue(request_id),
        survey.SerializeAsString(),
        ToSqlDatetime(FromProto(survey.create_time())),
        ToSqlDatetime(FromProto(survey.update_time())));
    return absl::OkStatus();
  });
  if (absl::IsAlreadyExists(status) && !request_id.empty()) {
    // A retry (or a concurrent twin) of a create that already happened.
    v1::Survey first;
    const absl::Status read = pool_->Run([&](Session& s) -> absl::Status {
      auto rs = s.QueryArgs(
          "SELECT id FROM surveys WHERE tenant_id = ? AND request_id = ?",
          tenant, request_id);
      if (!rs->next()) return absl::AbortedError("request id race; retry");
      int64_t revision = 0;
      return ReadHead(s, tenant, rs->getString("id").asStdString(), false,
                      &first, &revision);
    });
    if (!read.ok()) return read;
    return first;
  }
  if (!status.ok()) return status;
  survey.set_etag(SurveyEtag(1));
  return survey;
}

absl::StatusOr<v1::Survey> MysqlSurveyStore::Get(const std::string& tenant,
                                                 const std::string& id,
                                                 int version) {
  v1::Survey survey;
  const absl::Status status = pool_->Run([&](Session& s) -> absl::Status {
    if (version == 0) {
      int64_t revision = 0;
      return ReadHead(s, tenant, id, false, &survey, &revision);
    }
    auto rs = s.QueryArgs(
        "SELECT body FROM survey_versions "
        "WHERE tenant_id = ? AND survey_id = ? AND version = ?",
        tenant, id, version);
    if (!rs->next()) {
      return NotFound(kSurveyType, absl::StrCat(SurveyName(id), "@", version));
    }
    auto parsed = ParseBody(GetBytes(*rs, "body"), 0);
    if (!parsed.ok()) return parsed.status();
    survey = *std::move(parsed);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return survey;
}

absl::StatusOr<SurveyPage> MysqlSurveyStore::List(
    const std::string& tenant, const SurveyListQuery& query) {
  std::string sql =
      "SELECT body, revision FROM surveys WHERE tenant_id = ? AND id > ?";
  std::vector<SqlValue> params = {tenant, query.after_id};
  if (query.state) {
    sql += " AND state = ?";
    params.push_back(static_cast<int64_t>(*query.state));
  }
  if (query.audience) {
    sql += " AND audience = ?";
    params.push_back(static_cast<int64_t>(*query.audience));
  }
  SurveyPage page;
  const absl::Status status = QueryPage(
      *pool_, sql, std::move(params), query.limit,
      [&](const sql::ResultSet& rs) -> absl::Status {
        auto survey = ParseBody(GetBytes(rs, "body"), rs.getInt64("revision"));
        if (!survey.ok()) return survey.status();
        page.surveys.push_back(*std::move(survey));
        return absl::OkStatus();
      },
      &page.more);
  if (!status.ok()) return status;
  return page;
}

absl::StatusOr<v1::Survey> MysqlSurveyStore::Mutate(
    const std::string& tenant, const std::string& id, const std::string& etag,
    absl::FunctionRef<absl::StatusOr<SurveyWrite>(v1::Survey&)> change) {
  v1::Survey result;
  const absl::Status status = pool_->Transact([&](Session& s) -> absl::Status {
    int64_t revision = 0;
    v1::Survey survey;
    if (absl::Status read = ReadHead(s, tenant, id, true, &survey, &revision);
        !read.ok()) {
      return read;
    }
    if (!etag.empty() && etag != survey.etag()) return EtagMismatch(survey.name());
    auto write = change(survey);
    if (!write.ok()) return write.status();
    switch (*write) {
      case SurveyWrite::kNone:
        break;
      case SurveyWrite::kDelete:
        s.ExecuteArgs("DELETE FROM surveys WHERE tenant_id = ? AND id = ?",
                      tenant, id);
        break;
      case SurveyWrite::kHeadAndNewVersion: {
        v1::Survey snapshot = survey;
        snapshot.clear_etag();
        s.ExecuteArgs(
            "INSERT INTO survey_versions "
            "(tenant_id, survey_id, version, body, create_time) "
            "VALUES (?, ?, ?, ?, ?)",
            tenant, id, snapshot.version(), snapshot.SerializeAsString(),
            ToSqlDatetime(FromProto(snapshot.update_time())));
        [[fallthrough]];
      }
      case SurveyWrite::kHead:
        WriteHead(s, tenant, id, survey, revision + 1);
        survey.set_etag(SurveyEtag(revision + 1));
        break;
    }
    result = std::move(survey);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace cx::feedback
