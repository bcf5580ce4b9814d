#include "services/feedback/submit_stream.h"

#include <utility>

#include "common/grpc/status_conversion.h"
#include "common/status/errors.h"

namespace cx::feedback {

FeedbackService::SubmitStream::SubmitStream(FeedbackService* service,
                                            grpc::CallbackServerContext*,
                                            absl::StatusOr<Principal> caller)
    : service_(service) {
  Next next;
  {
    absl::MutexLock lock(&mu_);
    if (caller.ok()) {
      caller_ = *std::move(caller);
      Continue(next);
    } else {
      FinishWith(next, ToGrpcStatus(caller.status()));
    }
  }
  Start(next);
}

void FeedbackService::SubmitStream::OnReadDone(bool ok) {
  Next next;
  if (!ok) {  // the client half-closed (or the stream broke)
    absl::MutexLock lock(&mu_);
    reading_ = false;
    half_closed_ = true;
    Continue(next);
  } else if (service_->clock_->Now() >= caller_.expire_time) {
    absl::MutexLock lock(&mu_);
    reading_ = false;
    FinishWith(next, ToGrpcStatus(WithReason(
                         absl::UnauthenticatedError(
                             "the token expired during the stream; open a "
                             "new stream with a fresh token"),
                         "INVALID_TOKEN")));
  } else {
    const int64_t index = next_index_++;
    {
      absl::MutexLock lock(&mu_);
      // reading_ stays set while Submit reads request_: a reply completing
      // on another thread must not start the next read into it meanwhile.
      ++unanswered_;
      ++refs_;  // released by Answer
    }
    // Submit copies what it keeps before returning: request_ is free to be
    // read into again below.
    service_->Submit(caller_, request_.parent(),
                     request_.has_response() ? &request_.response() : nullptr,
                     request_.request_id(), request_.view(),
                     [this, index, request_id = request_.request_id()](
                         absl::StatusOr<v1::Response> result) {
                       Answer(index, request_id, std::move(result));
                     });
    absl::MutexLock lock(&mu_);
    reading_ = false;
    Continue(next);
  }
  Start(next);
}

void FeedbackService::SubmitStream::Answer(
    int64_t index, const std::string& request_id,
    absl::StatusOr<v1::Response> result) {
  v1::SubmitResponsesResponse reply;
  reply.set_index(index);
  reply.set_request_id(request_id);
  if (result.ok()) {
    *reply.mutable_response() = *std::move(result);
  } else {
    *reply.mutable_error() = RpcStatusOf(ToGrpcStatus(result.status()));
  }
  Next next;
  {
    absl::MutexLock lock(&mu_);
    if (!finished_) {
      replies_.push_back(std::move(reply));
      if (!writing_) {
        writing_ = true;
        next.write = &replies_.front();  // deque elements stay put on push_back
      }
    }
  }
  Start(next);
  Unref();
}

void FeedbackService::SubmitStream::OnWriteDone(bool ok) {
  Next next;
  {
    absl::MutexLock lock(&mu_);
    replies_.pop_front();
    --unanswered_;
    if (finished_) {  // decided while this write was in flight
      writing_ = false;
      replies_.clear();
      next.finish = true;
      next.status = final_status_;
    } else if (!ok) {  // the client is gone: nothing more can be written
      writing_ = false;
      FinishWith(next, grpc::Status(grpc::StatusCode::CANCELLED,
                                    "the client went away"));
    } else if (!replies_.empty()) {
      next.write = &replies_.front();
    } else {
      writing_ = false;
      Continue(next);
    }
  }
  Start(next);
}

void FeedbackService::SubmitStream::OnDone() { Unref(); }

void FeedbackService::SubmitStream::Continue(Next& next) {
  if (finished_) return;
  if (half_closed_) {
    if (unanswered_ == 0 && !writing_) FinishWith(next, grpc::Status::OK);
    return;
  }
  if (!reading_ && unanswered_ < kSubmitStreamWindow) {
    reading_ = true;
    next.read = true;
  }
}

void FeedbackService::SubmitStream::FinishWith(Next& next,
                                               grpc::Status status) {
  if (finished_) return;
  finished_ = true;
  // Replies not yet on the wire are dropped with the stream; their
  // responses may have committed, which a retry with the same request_id
  // finds instead of storing them twice.
  if (writing_) {
    final_status_ = std::move(status);  // OnWriteDone finishes
    return;
  }
  replies_.clear();
  next.finish = true;
  next.status = std::move(status);
}

void FeedbackService::SubmitStream::Start(const Next& next) {
  if (next.read) StartRead(&request_);
  if (next.write != nullptr) StartWrite(next.write);
  if (next.finish) Finish(next.status);
}

void FeedbackService::SubmitStream::Unref() {
  bool last;
  {
    absl::MutexLock lock(&mu_);
    last = --refs_ == 0;
  }
  if (last) delete this;
}

}  // namespace cx::feedback
