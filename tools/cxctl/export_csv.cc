#include "tools/cxctl/export_csv.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/grpc/metadata.h"
#include "common/grpc/status_conversion.h"
#include "common/proto_time.h"
#include "tools/cxctl/csv.h"

namespace cx {
namespace {

namespace fb = cx::feedback::v1;

std::string AnswerValue(const fb::Answer& a) {
  switch (a.value_case()) {
    case fb::Answer::kScore: return absl::StrCat(a.score());
    case fb::Answer::kChoiceId: return a.choice_id();
    case fb::Answer::kChoices: return absl::StrJoin(a.choices().choice_ids(), "|");
    case fb::Answer::kText: return a.text();
    default: return "";
  }
}

// "POSITIVE", "MIXED" ...
std::string SentimentLabel(fb::TextAnalysis::Sentiment s) {
  return fb::TextAnalysis::Sentiment_Name(s).substr(strlen("SENTIMENT_"));
}

}  // namespace

absl::StatusOr<int64_t> ExportCsv(fb::FeedbackService::StubInterface& stub,
                                  const std::string& token,
                                  const std::string& parent,
                                  const std::string& filter, std::ostream& out) {
  out << CsvRow({"response", "survey_version", "channel", "customer_id",
                 "submit_time", "locale", "touchpoint", "team", "agent",
                 "score", "answers", "language", "sentiment", "sentiment_score",
                 "topics", "topic_sentiments", "keywords"});
  fb::ListResponsesRequest req;
  req.set_parent(parent);
  req.set_filter(filter);
  req.set_page_size(1000);
  int64_t rows = 0;
  do {
    fb::ListResponsesResponse page;
    auto ctx = MakeClientContext(token, absl::Seconds(30));
    const grpc::Status status = stub.ListResponses(ctx.get(), req, &page);
    if (!status.ok()) return FromGrpcStatus(status);
    for (const fb::Response& r : page.responses()) {
      std::string score, language, sentiment, sentiment_score;
      // topic_sentiments: "delivery=POSITIVE|support=NEGATIVE".
      std::vector<std::string> answers, topics, topic_sentiments, keywords;
      for (const fb::Answer& a : r.answers()) {
        answers.push_back(absl::StrCat(a.question_id(), "=", AnswerValue(a)));
        if (score.empty() && a.value_case() == fb::Answer::kScore) {
          score = absl::StrCat(a.score());
        }
        if (a.has_analysis() && sentiment.empty()) {
          language = a.analysis().language();
          keywords.assign(a.analysis().keywords().begin(),
                          a.analysis().keywords().end());
          sentiment = SentimentLabel(a.analysis().sentiment());
          sentiment_score = absl::StrCat(a.analysis().sentiment_score());
          topics.assign(a.analysis().topics().begin(),
                        a.analysis().topics().end());
          for (const fb::TopicSentiment& t : a.analysis().topic_sentiments()) {
            topic_sentiments.push_back(
                absl::StrCat(t.topic(), "=", SentimentLabel(t.sentiment())));
          }
        }
      }
      out << CsvRow({r.name(), absl::StrCat(r.survey_version()),
                     cx::type::v1::Channel_Name(r.channel()).substr(strlen("CHANNEL_")),
                     r.customer_id(),
                     absl::FormatTime(absl::RFC3339_full, FromProto(r.submit_time()),
                                      absl::UTCTimeZone()),
                     r.locale(), r.touchpoint(), r.team(), r.agent(), score,
                     absl::StrJoin(answers, "; "), language, sentiment,
                     sentiment_score, absl::StrJoin(topics, "|"),
                     absl::StrJoin(topic_sentiments, "|"),
                     absl::StrJoin(keywords, "|")});
      ++rows;
    }
    req.set_page_token(page.next_page_token());
  } while (!req.page_token().empty());
  return rows;
}

}  // namespace cx
