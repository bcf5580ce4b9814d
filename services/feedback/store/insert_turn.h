// Turns for writers inserting into one table, with live writers first.
//
// Concurrent multi-row INSERTs into `responses` append to the same index
// pages and spin on their latches, so batches insert one at a time. Live
// ingest (calls waiting for their ack) and bulk imports share the turn: a
// bulk writer waits while any live writer waits, so an import slows down
// under live traffic instead of making every live call wait behind it.
//
// The turn only orders work; the database keeps it correct. So a bulk
// writer that has waited `bulk_patience` goes ahead without the turn: it may
// hold row locks (from its earlier statements) that the turn's holder is
// waiting for, which neither the database nor the turn would ever resolve.
#ifndef CX_SERVICES_FEEDBACK_STORE_INSERT_TURN_H_
#define CX_SERVICES_FEEDBACK_STORE_INSERT_TURN_H_

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "services/feedback/store/response_store.h"

namespace cx::feedback {

class InsertTurn {
 public:
  explicit InsertTurn(std::chrono::milliseconds bulk_patience)
      : bulk_patience_(bulk_patience) {}

  // Blocks until it is the caller's turn, and returns true; Release() ends
  // it. A bulk writer gets false, without the turn, after bulk_patience.
  bool Acquire(WritePriority priority) {
    std::unique_lock<std::mutex> lock(mu_);
    if (priority == WritePriority::kLive) {
      last_live_ = std::chrono::steady_clock::now();
      ++live_waiting_;
      free_.wait(lock, [this] { return !taken_; });
      --live_waiting_;
    } else {
      ++bulk_waiting_;
      const bool got = free_.wait_for(lock, bulk_patience_, [this] {
        return !taken_ && live_waiting_ == 0;
      });
      --bulk_waiting_;
      if (!got) return false;
    }
    taken_ = true;
    return true;
  }

  void Release() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      taken_ = false;
    }
    free_.notify_all();
  }

  // Whether a live writer asked for the turn in the last `window`.
  bool LiveWithin(std::chrono::steady_clock::duration window) {
    std::lock_guard<std::mutex> lock(mu_);
    return std::chrono::steady_clock::now() - last_live_ < window;
  }

  // Writers waiting now, for tests.
  int Waiting(WritePriority priority) {
    std::lock_guard<std::mutex> lock(mu_);
    return priority == WritePriority::kLive ? live_waiting_ : bulk_waiting_;
  }

 private:
  const std::chrono::milliseconds bulk_patience_;
  std::mutex mu_;
  std::condition_variable free_;
  bool taken_ = false;
  int live_waiting_ = 0;
  int bulk_waiting_ = 0;
  std::chrono::steady_clock::time_point last_live_;
};

// The turn for a scope, if Acquire gave it.
class ScopedInsertTurn {
 public:
  ScopedInsertTurn(InsertTurn& turn, WritePriority priority)
      : turn_(turn), held_(turn.Acquire(priority)) {}
  ~ScopedInsertTurn() {
    if (held_) turn_.Release();
  }
  bool held() const { return held_; }
  ScopedInsertTurn(const ScopedInsertTurn&) = delete;
  ScopedInsertTurn& operator=(const ScopedInsertTurn&) = delete;

 private:
  InsertTurn& turn_;
  const bool held_;
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_INSERT_TURN_H_
