#include "common/auth/jwt.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/testing/test_tokens.h"

namespace cx {
namespace {

using testing::TestKey;
using testing::TestToken;

const absl::Time kNow = absl::FromUnixSeconds(1790000000);

TEST(JwtTest, ValidTokenGivesPrincipal) {
  JwtVerifier verifier(TestKey());
  auto p = verifier.Verify(TestToken("acme", {"admin", "analyst"}, kNow), kNow);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->tenant, "acme");
  EXPECT_EQ(p->subject, "test-user");
  EXPECT_TRUE(p->HasAnyRole({Role::kAnalyst}));
  EXPECT_FALSE(p->HasAnyRole({Role::kIngest}));
}

TEST(JwtTest, ExpiredTokenIsRejected) {
  JwtVerifier verifier(TestKey());
  const std::string token = TestToken("acme", {"admin"}, kNow, absl::Hours(1));
  EXPECT_TRUE(verifier.Verify(token, kNow + absl::Minutes(59)).ok());
  auto late = verifier.Verify(token, kNow + absl::Hours(1));
  EXPECT_EQ(late.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(late.status().message().find("expired"), absl::string_view::npos);
}

TEST(JwtTest, WrongSecretIsRejected) {
  JwtVerifier verifier(
      JwtKey{JwtAlgorithm::kHs256, "another-secret-0123456789abcdef0123"});
  EXPECT_EQ(verifier.Verify(TestToken("acme", {"admin"}, kNow), kNow)
                .status()
                .code(),
            absl::StatusCode::kUnauthenticated);
}

TEST(JwtTest, TamperedPayloadIsRejected) {
  const std::string token = TestToken("acme", {"agent"}, kNow);
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  ASSERT_EQ(parts.size(), 3u);
  std::string payload;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(parts[1], &payload));
  const size_t at = payload.find("agent");
  ASSERT_NE(at, std::string::npos);
  payload.replace(at, 5, "admin");
  std::string forged = absl::StrCat(parts[0], ".",
                                    absl::WebSafeBase64Escape(payload), ".",
                                    parts[2]);
  JwtVerifier verifier(TestKey());
  EXPECT_EQ(verifier.Verify(forged, kNow).status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST(JwtTest, AlgNoneIsRejected) {
  // {"alg":"none","typ":"JWT"} . {"tenant":"acme","roles":["admin"],"exp":9999999999} .
  const std::string header = absl::WebSafeBase64Escape(R"({"alg":"none","typ":"JWT"})");
  const std::string body = absl::WebSafeBase64Escape(
      R"({"tenant":"acme","roles":["admin"],"exp":9999999999})");
  JwtVerifier verifier(TestKey());
  EXPECT_EQ(verifier.Verify(header + "." + body + ".", kNow).status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST(JwtTest, GarbageIsRejected) {
  JwtVerifier verifier(TestKey());
  for (const char* junk : {"", "x", "a.b.c", "....", "\xff\xfe"}) {
    EXPECT_EQ(verifier.Verify(junk, kNow).status().code(),
              absl::StatusCode::kUnauthenticated)
        << junk;
  }
}

TEST(JwtTest, MintRejectsBadTenantAndRole) {
  TokenClaims claims;
  claims.tenant = "Bad Tenant";
  claims.roles = {"admin"};
  EXPECT_FALSE(MintToken(TestKey(), claims).ok());
  claims.tenant = "acme";
  claims.roles = {"superuser"};
  EXPECT_FALSE(MintToken(TestKey(), claims).ok());
}

TEST(PrincipalTest, TenantIdRules) {
  EXPECT_TRUE(IsValidTenantId("acme"));
  EXPECT_TRUE(IsValidTenantId("acme-eu_2"));
  EXPECT_FALSE(IsValidTenantId(""));
  EXPECT_FALSE(IsValidTenantId("-acme"));
  EXPECT_FALSE(IsValidTenantId("Acme"));
  EXPECT_FALSE(IsValidTenantId(std::string(65, 'a')));
}

}  // namespace
}  // namespace cx

// RS256: production keys. The key pair is generated per test run.
namespace cx {
namespace {

struct RsaPem {
  std::string private_pem;
  std::string public_pem;
};

RsaPem GenerateRsa() {
  EVP_PKEY* pkey = EVP_RSA_gen(2048);
  BIO* priv = BIO_new(BIO_s_mem());
  BIO* pub = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(priv, pkey, nullptr, nullptr, 0, nullptr, nullptr);
  PEM_write_bio_PUBKEY(pub, pkey);
  auto read = [](BIO* bio) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return std::string(data, n);
  };
  RsaPem out{read(priv), read(pub)};
  BIO_free(priv);
  BIO_free(pub);
  EVP_PKEY_free(pkey);
  return out;
}

TEST(JwtRs256Test, SignWithPrivateVerifyWithPublic) {
  const RsaPem keys = GenerateRsa();
  TokenClaims claims{"acme", "svc", {"ingest"}, kNow};
  auto token = MintToken({JwtAlgorithm::kRs256, keys.private_pem}, claims);
  ASSERT_TRUE(token.ok()) << token.status();
  JwtVerifier verifier({JwtAlgorithm::kRs256, keys.public_pem});
  auto p = verifier.Verify(*token, kNow);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_TRUE(p->HasAnyRole({Role::kIngest}));
  // Another key pair's signature does not verify.
  JwtVerifier other({JwtAlgorithm::kRs256, GenerateRsa().public_pem});
  EXPECT_EQ(other.Verify(*token, kNow).status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST(JwtRs256Test, Hs256SignedWithThePublicKeyIsRejected) {
  // The classic algorithm-confusion attack: an HS256 token whose "secret" is
  // the server's public key must not pass an RS256 verifier.
  const RsaPem keys = GenerateRsa();
  TokenClaims claims{"acme", "mallory", {"admin"}, kNow};
  auto forged = MintToken({JwtAlgorithm::kHs256, keys.public_pem}, claims);
  ASSERT_TRUE(forged.ok());
  JwtVerifier verifier({JwtAlgorithm::kRs256, keys.public_pem});
  EXPECT_EQ(verifier.Verify(*forged, kNow).status().code(),
            absl::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace cx
