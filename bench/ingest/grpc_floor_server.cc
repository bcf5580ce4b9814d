// The floor under cx-feedback's ingest figures: a FeedbackService that
// answers SubmitResponse and SubmitResponses at once, without a token check,
// analysis or database, on the same server set-up (cx::ServerRunner, callback
// API) as cx-feedback. ingest_bench pointed at it measures what gRPC alone
// costs the load generator and server on this machine, so a run can show
// how much of the cores the protocol leaves for storing a response.
//
//   grpc_floor_server --port_file=FILE
#include <cstdio>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "common/server/server_runner.h"
#include "cx/feedback/v1/feedback_service.grpc.pb.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:0", "address to listen on");
ABSL_FLAG(std::string, port_file, "", "file to write the bound port to");

namespace {

namespace fb = cx::feedback::v1;

// The acknowledgement cx-feedback sends: the stored response, named.
void Acknowledge(const fb::Response& submitted, fb::Response* ack) {
  *ack = submitted;
  ack->set_name("surveys/floor/responses/1");
}

// One SubmitResponses stream: every submission read is answered before the
// next is read, as cx-feedback does with one submission in flight.
class EchoStream final
    : public grpc::ServerBidiReactor<fb::SubmitResponsesRequest,
                                     fb::SubmitResponsesResponse> {
 public:
  EchoStream() { StartRead(&request_); }

  void OnReadDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status::OK);
      return;
    }
    reply_.set_request_id(request_.request_id());
    Acknowledge(request_.response(), reply_.mutable_response());
    StartWrite(&reply_);
  }
  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status::CANCELLED);
      return;
    }
    StartRead(&request_);
  }
  void OnDone() override { delete this; }

 private:
  fb::SubmitResponsesRequest request_;
  fb::SubmitResponsesResponse reply_;
};

class FloorService final : public fb::FeedbackService::CallbackService {
 public:
  // ingest_bench publishes a survey before it measures.
  grpc::ServerUnaryReactor* CreateSurvey(grpc::CallbackServerContext* context,
                                         const fb::CreateSurveyRequest* request,
                                         fb::Survey* survey) override {
    *survey = request->survey();
    survey->set_name("surveys/floor");
    return Done(context);
  }
  grpc::ServerUnaryReactor* PublishSurvey(grpc::CallbackServerContext* context,
                                          const fb::PublishSurveyRequest* request,
                                          fb::Survey* survey) override {
    survey->set_name(request->name());
    return Done(context);
  }
  grpc::ServerUnaryReactor* SubmitResponse(
      grpc::CallbackServerContext* context,
      const fb::SubmitResponseRequest* request, fb::Response* ack) override {
    Acknowledge(request->response(), ack);
    return Done(context);
  }
  grpc::ServerBidiReactor<fb::SubmitResponsesRequest,
                          fb::SubmitResponsesResponse>*
  SubmitResponses(grpc::CallbackServerContext*) override {
    return new EchoStream();
  }

 private:
  static grpc::ServerUnaryReactor* Done(grpc::CallbackServerContext* context) {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

}  // namespace

int main(int argc, char** argv) {
  cx::BlockTerminationSignals();
  absl::ParseCommandLine(argc, argv);
  FloorService service;
  cx::ServerOptions options;
  options.listen = absl::GetFlag(FLAGS_listen);
  options.ready = [] { return absl::OkStatus(); };
  auto server = cx::ServerRunner::Start(options, {&service});
  if (!server.ok()) {
    std::fprintf(stderr, "%s\n", server.status().ToString().c_str());
    return 1;
  }
  if (auto s = cx::WritePortFile(absl::GetFlag(FLAGS_port_file),
                                 (*server)->port());
      !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  cx::WaitForTerminationSignal();
  (*server)->Shutdown(absl::Seconds(1));
  return 0;
}
