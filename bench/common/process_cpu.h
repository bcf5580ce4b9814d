// CPU time spent by processes over a measured window: this one (all its
// threads) and others given by pid, read from /proc. On a machine whose
// cores the load generator, the service and the database share, CPU per
// acknowledged request says where the cores went.
#ifndef CX_BENCH_COMMON_PROCESS_CPU_H_
#define CX_BENCH_COMMON_PROCESS_CPU_H_

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"

namespace cx::bench {

// User + system seconds of process `pid` (0: this process) so far; -1 when
// it cannot be read (the process is gone).
inline double CpuSeconds(int pid) {
  if (pid == 0) {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
  }
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::stringstream text;
  text << in.rdbuf();
  const std::string stat = text.str();
  // Fields after the command name, which is in parentheses and may hold
  // spaces: state is field 3, utime 14 and stime 15.
  const size_t after_name = stat.rfind(')');
  if (after_name == std::string::npos) return -1;
  std::vector<std::string> fields =
      absl::StrSplit(stat.substr(after_name + 2), ' ');
  double utime = 0, stime = 0;
  if (fields.size() < 13 || !absl::SimpleAtod(fields[11], &utime) ||
      !absl::SimpleAtod(fields[12], &stime)) {
    return -1;
  }
  return (utime + stime) / sysconf(_SC_CLK_TCK);
}

// A named process whose CPU a measurement reports.
struct WatchedProcess {
  std::string name;
  int pid = 0;  // 0: this process
};

// "name=pid,name=pid" (as the --cpu_of flags take it); this process comes
// first, named `self`. Entries that do not parse are skipped.
inline std::vector<WatchedProcess> ParseWatchedProcesses(
    const std::string& self, const std::string& spec) {
  std::vector<WatchedProcess> watched = {{self, 0}};
  for (absl::string_view entry : absl::StrSplit(spec, ',', absl::SkipEmpty())) {
    std::pair<std::string, std::string> name_pid = absl::StrSplit(entry, '=');
    int pid = 0;
    if (absl::SimpleAtoi(name_pid.second, &pid) && pid > 0) {
      watched.push_back({name_pid.first, pid});
    }
  }
  return watched;
}

// CPU seconds each watched process spent between construction and Stop().
class CpuWindow {
 public:
  explicit CpuWindow(const std::vector<WatchedProcess>& watched)
      : watched_(watched) {
    for (const auto& p : watched_) start_.push_back(CpuSeconds(p.pid));
  }
  // Seconds per watched process, in order; -1 where one was not readable.
  std::vector<double> Stop() const {
    std::vector<double> spent;
    for (size_t i = 0; i < watched_.size(); ++i) {
      const double end = CpuSeconds(watched_[i].pid);
      spent.push_back(end < 0 || start_[i] < 0 ? -1 : end - start_[i]);
    }
    return spent;
  }

 private:
  std::vector<WatchedProcess> watched_;
  std::vector<double> start_;
};

}  // namespace cx::bench

#endif  // CX_BENCH_COMMON_PROCESS_CPU_H_
