// Surveys and responses shared by the feedback tests.
#ifndef CX_TESTS_SERVICES_FEEDBACK_TEST_SURVEYS_H_
#define CX_TESTS_SERVICES_FEEDBACK_TEST_SURVEYS_H_

#include "cx/feedback/v1/feedback_service.pb.h"

namespace cx::feedback::testing {

inline v1::Question Q(const std::string& id, v1::QuestionType type,
                      bool required = false) {
  v1::Question q;
  q.set_id(id);
  q.set_type(type);
  q.set_required(required);
  (*q.mutable_text())["en"] = "Question " + id;
  return q;
}

// NPS (required), CSAT, CES, rating 1-10, single and multiple choice, text.
inline v1::Survey AllTypesSurvey() {
  v1::Survey s;
  s.set_display_name("All question types");
  s.set_default_locale("en");
  *s.add_questions() = Q("nps", v1::QUESTION_TYPE_NPS, true);
  *s.add_questions() = Q("csat", v1::QUESTION_TYPE_CSAT);
  *s.add_questions() = Q("ces", v1::QUESTION_TYPE_CES);
  v1::Question rating = Q("stars", v1::QUESTION_TYPE_RATING);
  rating.set_scale_min(1);
  rating.set_scale_max(10);
  *s.add_questions() = rating;
  for (auto type : {v1::QUESTION_TYPE_SINGLE_CHOICE,
                    v1::QUESTION_TYPE_MULTIPLE_CHOICE}) {
    v1::Question c = Q(type == v1::QUESTION_TYPE_SINGLE_CHOICE ? "plan" : "tags",
                       type);
    for (const char* id : {"a", "b", "c"}) {
      v1::Choice* choice = c.add_choices();
      choice->set_id(id);
      (*choice->mutable_text())["en"] = id;
    }
    *s.add_questions() = c;
  }
  *s.add_questions() = Q("comment", v1::QUESTION_TYPE_FREE_TEXT);
  return s;
}

inline v1::Answer Score(const std::string& question, int score) {
  v1::Answer a;
  a.set_question_id(question);
  a.set_score(score);
  return a;
}

inline v1::Response NpsResponse(int score,
                                cx::type::v1::Channel channel =
                                    cx::type::v1::CHANNEL_WEB) {
  v1::Response r;
  r.set_channel(channel);
  r.set_customer_id("cust-1");
  *r.add_answers() = Score("nps", score);
  return r;
}

}  // namespace cx::feedback::testing

#endif  // CX_TESTS_SERVICES_FEEDBACK_TEST_SURVEYS_H_
