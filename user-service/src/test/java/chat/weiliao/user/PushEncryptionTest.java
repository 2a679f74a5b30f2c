package chat.weiliao.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** RFC 8291 §5 and Appendix A: the example message, byte for byte. */
class PushEncryptionTest {
  private static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
  private static final String AS_PUBLIC =
      "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
  private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
  private static final String UA_PUBLIC =
      "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
  private static final String AUTH_SECRET = "BTBZMqHH6r4Tts7J_aSIgg";
  private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
  private static final String BODY =
      "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml"
          + "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT"
          + "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

  @Test
  void theRfcExampleEncryptsToTheRfcBody() throws Exception {
    KeyPair sender =
        new KeyPair(
            PushEncryption.publicKey(decode(AS_PUBLIC)),
            PushEncryption.privateKey(decode(AS_PRIVATE)));

    byte[] body =
        PushEncryption.encrypt(
            PLAINTEXT.getBytes(StandardCharsets.UTF_8),
            decode(UA_PUBLIC),
            decode(AUTH_SECRET),
            sender,
            decode(SALT));

    assertEquals(BODY, Base64.getUrlEncoder().withoutPadding().encodeToString(body));
  }

  @Test
  void theAppendixIntermediateKeysComeOutOfHkdf() throws Exception {
    // Appendix A: IKM from the ECDH secret and auth secret, then the content key and the nonce.
    byte[] ecdhSecret = decode("kyrL1jIIOHEzg3sM2ZWRHDRB62YACZhhSlknJ672kSs");
    byte[] keyInfo =
        PushEncryption.concat(
            "WebPush: info\0".getBytes(StandardCharsets.US_ASCII),
            decode(UA_PUBLIC),
            decode(AS_PUBLIC));
    byte[] ikm = PushEncryption.hkdf(decode(AUTH_SECRET), ecdhSecret, keyInfo, 32);
    assertEquals("S4lYMb_L0FxCeq0WhDx813KgSYqU26kOyzWUdsXYyrg", encode(ikm));
    assertEquals(
        "oIhVW04MRdy2XN9CiKLxTg",
        encode(
            PushEncryption.hkdf(
                decode(SALT),
                ikm,
                "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII),
                16)));
    assertEquals(
        "4h_95klXJ5E_qnoN",
        encode(
            PushEncryption.hkdf(
                decode(SALT),
                ikm,
                "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII),
                12)));
  }

  @Test
  void aKeyOffTheCurveIsRefused() {
    byte[] offCurve = decode(UA_PUBLIC);
    offCurve[64] ^= 1;
    assertThrows(GeneralSecurityException.class, () -> PushEncryption.checkPublicKey(offCurve));
    assertThrows(GeneralSecurityException.class, () -> PushEncryption.checkPublicKey(new byte[33]));
  }

  private static byte[] decode(String base64url) {
    return Base64.getUrlDecoder().decode(base64url);
  }

  private static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
