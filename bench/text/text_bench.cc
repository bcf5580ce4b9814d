// Text analysis per comment, as every SubmitResponse pays for it: the 280
// labelled sentences of the evaluation sets (five languages) analysed with
// the default taxonomy, as ingest does (the response's locale as a
// fallback hint), against tokenising them alone in the same run.
//
//   text_bench EVAL_DIR [--benchmark_...]
//   text_bench EVAL_DIR --passes=N   analyses the corpus N times and exits:
//                                    a fixed amount of work for
//                                    `valgrind --tool=callgrind`, whose
//                                    instruction counts, unlike times, do not
//                                    drift with a shared machine's load
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "benchmark/benchmark.h"
#include "services/feedback/domain/text/text_analyzer.h"
#include "services/feedback/domain/text/tokenizer.h"

namespace {

namespace text = cx::feedback::text;

struct Comment {
  std::string language;
  std::string text;
};

std::vector<Comment>& Corpus() {
  static auto* corpus = new std::vector<Comment>;
  return *corpus;
}

// label<TAB>sentence lines of EVAL_DIR/<language>.tsv.
bool LoadCorpus(const std::string& dir) {
  for (const char* language : {"en", "sv", "da", "nl", "de"}) {
    std::ifstream in(dir + "/" + language + ".tsv");
    if (!in) return false;
    for (std::string line; std::getline(in, line);) {
      const size_t tab = line.find('\t');
      if (tab != std::string::npos) {
        Corpus().push_back({language, line.substr(tab + 1)});
      }
    }
  }
  return !Corpus().empty();
}

// items_per_second: comments per second.
void SetCounters(benchmark::State& state) {
  state.SetItemsProcessed(state.iterations() * Corpus().size());
}

// Analyses every comment once, as ingest does (the response's locale as a
// fallback hint).
void AnalyzeCorpus(const text::TextAnalyzer& analyzer) {
  for (const Comment& c : Corpus()) {
    benchmark::DoNotOptimize(analyzer.Analyze(
        c.text, c.language, text::DefaultTaxonomy(),
        text::TextAnalyzer::Hint::kFallback));
  }
}

// The baseline: splitting the same comments into sentences and folded words.
void BM_TokenizeOnly(benchmark::State& state) {
  const absl::flat_hash_set<std::string> emoticons = {":)", ":("};
  for (auto _ : state) {
    for (const Comment& c : Corpus()) {
      benchmark::DoNotOptimize(text::Tokenize(c.text, emoticons));
    }
  }
  SetCounters(state);
}
BENCHMARK(BM_TokenizeOnly);

void BM_AnalyzeAsOnIngest(benchmark::State& state) {
  const text::TextAnalyzer& analyzer = text::TextAnalyzer::Default();
  for (auto _ : state) AnalyzeCorpus(analyzer);
  SetCounters(state);
}
BENCHMARK(BM_AnalyzeAsOnIngest);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc < 2 || !LoadCorpus(argv[1])) {
    std::fprintf(stderr, "usage: text_bench EVAL_DIR (the *.tsv evaluation sets)\n");
    return 2;
  }
  if (argc > 2 && absl::StartsWith(argv[2], "--passes=")) {
    int passes = 0;
    if (!absl::SimpleAtoi(absl::string_view(argv[2]).substr(9), &passes)) return 2;
    const text::TextAnalyzer& analyzer = text::TextAnalyzer::Default();
    for (int i = 0; i < passes; ++i) AnalyzeCorpus(analyzer);
    std::printf("%d comments analysed\n", passes * static_cast<int>(Corpus().size()));
    return 0;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
