#include "services/metrics/domain/series.h"

#include <bit>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace cx::metrics {

std::string TypeSeries(v1::ScoreKind kind, bool employee) {
  switch (kind) {
    case v1::SCORE_KIND_NPS: return employee ? "enps" : "nps";
    case v1::SCORE_KIND_CSAT: return "csat";
    case v1::SCORE_KIND_CES: return "ces";
    default: return "";
  }
}

std::string QuestionSeries(absl::string_view question) {
  return absl::StrCat("q:", question);
}

std::optional<ScoreScale> FixedScale(v1::ScoreKind kind) {
  switch (kind) {
    case v1::SCORE_KIND_NPS: return ScoreScale{0, 10};
    case v1::SCORE_KIND_CSAT: return ScoreScale{1, 5};
    case v1::SCORE_KIND_CES: return ScoreScale{1, 7};
    default: return std::nullopt;
  }
}

int DimensionIndex(v1::Dimension dimension) {
  for (int i = 0; i < kDimensionCount; ++i) {
    if (kDimensions[i] == dimension) return i;
  }
  return -1;
}

int PopCount(DimensionMask mask) { return std::popcount(mask); }

DimensionValues ValuesOf(const v1::Observation& observation,
                         absl::string_view survey) {
  return {ChannelValue(observation.channel()), observation.touchpoint(),
          observation.team(), observation.agent(), std::string(survey)};
}

std::string ChannelValue(cx::type::v1::Channel channel) {
  if (channel == cx::type::v1::CHANNEL_UNSPECIFIED) return "";
  std::string name = cx::type::v1::Channel_Name(channel);
  absl::string_view value = name;
  absl::ConsumePrefix(&value, "CHANNEL_");
  return absl::AsciiStrToLower(value);
}

std::string SurveyOf(absl::string_view name) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() < 2 || parts[0] != "surveys" || parts[1].empty()) return "";
  return absl::StrCat("surveys/", parts[1]);
}

bool IsQuestionName(absl::string_view name) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  return name.size() <= 160 && parts.size() == 4 && parts[0] == "surveys" &&
         !parts[1].empty() && parts[2] == "questions" && !parts[3].empty();
}

}  // namespace cx::metrics
