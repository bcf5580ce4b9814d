// How observations are keyed: the series a score counts towards, the
// dimensions it can be cut by, and the scale its counts are kept on.
#ifndef CX_SERVICES_METRICS_DOMAIN_SERIES_H_
#define CX_SERVICES_METRICS_DOMAIN_SERIES_H_

#include <array>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cx/metrics/v1/metric.pb.h"
#include "cx/metrics/v1/observation.pb.h"
#include "cx/type/v1/channel.pb.h"

namespace cx::metrics {

// Series names. Every score counts towards its type's series (nps, enps,
// csat, ces; ratings have none) and towards its question's own series
// ("q:" + question); every response counts once towards "volume".
inline constexpr char kVolumeSeries[] = "volume";
std::string TypeSeries(v1::ScoreKind kind, bool employee);  // "" for ratings
std::string QuestionSeries(absl::string_view question);

struct ScoreScale {
  int min = 0;
  int max = 0;
  int width() const { return max - min + 1; }
};

// The fixed scale of NPS (0-10), CSAT (1-5) and CES (1-7); nullopt otherwise.
std::optional<ScoreScale> FixedScale(v1::ScoreKind kind);

// The dimensions, in a fixed order; a set of them is a bit mask.
inline constexpr int kDimensionCount = 5;
inline constexpr std::array<v1::Dimension, kDimensionCount> kDimensions = {
    v1::DIMENSION_CHANNEL, v1::DIMENSION_TOUCHPOINT, v1::DIMENSION_TEAM,
    v1::DIMENSION_AGENT, v1::DIMENSION_SURVEY};
using DimensionMask = uint8_t;
// Position of `dimension` in kDimensions, or -1.
int DimensionIndex(v1::Dimension dimension);
inline DimensionMask MaskOf(v1::Dimension dimension) {
  return static_cast<DimensionMask>(1u << DimensionIndex(dimension));
}
int PopCount(DimensionMask mask);
// Queries on at most this many dimensions are answered from rollups (no
// dimension and single ones always kept, pairs once asked for); on more,
// from facts.
inline constexpr int kMaxRolledUpDimensions = 2;

// The value an observation has for each dimension, in kDimensions order.
using DimensionValues = std::array<std::string, kDimensionCount>;
// Values of `observation`; `survey` is `surveys/{survey}` of its source.
DimensionValues ValuesOf(const v1::Observation& observation,
                         absl::string_view survey);

// "web", "email", ... ("" for unspecified) and back.
std::string ChannelValue(cx::type::v1::Channel channel);

// `surveys/{survey}` of `surveys/{survey}/responses/{response}` or of
// `surveys/{survey}/questions/{question}`; "" when malformed.
std::string SurveyOf(absl::string_view name);

// `surveys/{survey}/questions/{question}` of at most 160 bytes.
bool IsQuestionName(absl::string_view name);

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_DOMAIN_SERIES_H_
