// One SubmitResponses stream: reads submissions while fewer than
// kSubmitStreamWindow are unanswered, hands each to FeedbackService::Submit
// (the same path as SubmitResponse: validation, text analysis, cases, group
// commit) and writes one reply per submission as its commit completes.
//
// Lifetime: gRPC holds one reference until OnDone, every submission waiting
// for its commit holds another; the last one to go deletes the stream.
#ifndef CX_SERVICES_FEEDBACK_SUBMIT_STREAM_H_
#define CX_SERVICES_FEEDBACK_SUBMIT_STREAM_H_

#include <cstdint>
#include <deque>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/feedback/feedback_service.h"

namespace cx::feedback {

class FeedbackService::SubmitStream final
    : public grpc::ServerBidiReactor<v1::SubmitResponsesRequest,
                                     v1::SubmitResponsesResponse> {
 public:
  // Starts reading, or finishes at once when `caller` is an error.
  SubmitStream(FeedbackService* service, grpc::CallbackServerContext* context,
               absl::StatusOr<Principal> caller);

  void OnReadDone(bool ok) override;
  void OnWriteDone(bool ok) override;
  void OnDone() override;

 private:
  // What to start once the lock is released (gRPC operations are never
  // started under it).
  struct Next {
    bool read = false;
    const v1::SubmitResponsesResponse* write = nullptr;
    bool finish = false;
    grpc::Status status;
  };

  void Answer(int64_t index, const std::string& request_id,
              absl::StatusOr<v1::Response> result);
  // Reads on while the window allows; finishes when the client half-closed
  // and every submission was answered.
  void Continue(Next& next) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void FinishWith(Next& next, grpc::Status status)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Start(const Next& next);
  void Unref();

  FeedbackService* const service_;
  Principal caller_;
  v1::SubmitResponsesRequest request_;  // the read buffer
  int64_t next_index_ = 0;              // only touched in OnReadDone

  absl::Mutex mu_;
  int refs_ ABSL_GUARDED_BY(mu_) = 1;
  int unanswered_ ABSL_GUARDED_BY(mu_) = 0;
  bool reading_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool half_closed_ ABSL_GUARDED_BY(mu_) = false;
  // Set once the stream is to end; Finish itself waits for the write in
  // flight (gRPC allows one outstanding write and Finish after it).
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  grpc::Status final_status_ ABSL_GUARDED_BY(mu_);
  // Replies waiting for the wire; front() is being written when writing_.
  std::deque<v1::SubmitResponsesResponse> replies_ ABSL_GUARDED_BY(mu_);
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_SUBMIT_STREAM_H_
