#include "common/log.h"

#include "gtest/gtest.h"

namespace cx {
namespace {

TEST(LogTest, LinesAreJsonWithMethodAndRequestId) {
  RequestLogScope scope("SubmitResponse", "req-1");
  const std::string line =
      FormatLogLine("INFO", "hello \"world\"\n", {{"k", "v"}});
  EXPECT_NE(line.find(R"("msg":"hello \"world\"\n")"), std::string::npos);
  EXPECT_NE(line.find(R"("method":"SubmitResponse")"), std::string::npos);
  EXPECT_NE(line.find(R"("request_id":"req-1")"), std::string::npos);
  EXPECT_NE(line.find(R"("k":"v")"), std::string::npos);
}

TEST(LogTest, ScopesNestAndRestore) {
  {
    RequestLogScope outer("A", "1");
    { RequestLogScope inner("B", "2"); }
    EXPECT_NE(FormatLogLine("INFO", "x", {}).find(R"("method":"A")"),
              std::string::npos);
  }
  EXPECT_EQ(FormatLogLine("INFO", "x", {}).find("method"), std::string::npos);
}

TEST(LogTest, ControlCharactersAreEscaped) {
  const std::string line = FormatLogLine("INFO", std::string("a\x01z"), {});
  EXPECT_NE(line.find("\\u0001"), std::string::npos);
}

}  // namespace
}  // namespace cx
