package chat.weiliao.user;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Web Push payload encryption, RFC 8291 ({@code aes128gcm}, RFC 8188, one record), with the JDK's
 * own crypto: ECDH on P-256, HKDF-SHA-256, AES-128-GCM. Written by hand: the Java Web Push
 * libraries either block on their own HTTP client and bring Bouncy Castle
 * (nl.martijndwars:web-push, unmaintained) or bring the Kotlin runtime (com.interaso:webpush), and
 * the JDK 17 has no HKDF, so HKDF here is its two HMAC steps (one output block is all RFC 8291
 * needs). Checked against the RFC's example in {@code PushEncryptionTest}.
 */
final class PushEncryption {
  /** The record size written in the header; one record always holds a push (at most 4 KiB). */
  private static final int RECORD_SIZE = 4096;

  private static final SecureRandom random = new SecureRandom();
  private static final ECParameterSpec P256 = p256();

  private PushEncryption() {}

  /** Encrypts for a subscription with a fresh sender key pair and salt. */
  static byte[] encrypt(byte[] plaintext, byte[] userAgentPublic, byte[] authSecret)
      throws GeneralSecurityException {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return encrypt(plaintext, userAgentPublic, authSecret, newKeyPair(), salt);
  }

  /**
   * The whole {@code aes128gcm} body: header (salt, record size, sender key) then the one record.
   */
  static byte[] encrypt(
      byte[] plaintext, byte[] userAgentPublic, byte[] authSecret, KeyPair sender, byte[] salt)
      throws GeneralSecurityException {
    byte[] senderPublic = rawPublicKey((ECPublicKey) sender.getPublic());
    KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
    agreement.init(sender.getPrivate());
    agreement.doPhase(publicKey(userAgentPublic), true);
    byte[] ecdhSecret = agreement.generateSecret();

    byte[] keyInfo =
        concat(
            "WebPush: info\0".getBytes(StandardCharsets.US_ASCII), userAgentPublic, senderPublic);
    byte[] ikm = hkdf(authSecret, ecdhSecret, keyInfo, 32);
    byte[] contentKey =
        hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
    byte[] nonce =
        hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);

    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(contentKey, "AES"),
        new GCMParameterSpec(128, nonce));
    // 0x02: the padding delimiter of the last (here the only) record, with no padding after it.
    byte[] record = cipher.doFinal(concat(plaintext, new byte[] {2}));

    ByteBuffer header = ByteBuffer.allocate(16 + 4 + 1 + senderPublic.length);
    header.put(salt).putInt(RECORD_SIZE).put((byte) senderPublic.length).put(senderPublic);
    return concat(header.array(), record);
  }

  /** HKDF-SHA-256 (RFC 5869) for an output of at most one block: extract, then one expand step. */
  static byte[] hkdf(byte[] salt, byte[] inputKey, byte[] info, int length)
      throws GeneralSecurityException {
    byte[] pseudoRandomKey = hmac(salt, inputKey);
    return Arrays.copyOf(hmac(pseudoRandomKey, concat(info, new byte[] {1})), length);
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /**
   * A P-256 public key from its uncompressed form (0x04, x, y), refused unless the point is on the
   * curve: a key agreement with it is tried, which the JDK checks.
   */
  static ECPublicKey publicKey(byte[] uncompressed) throws GeneralSecurityException {
    if (uncompressed.length != 65 || uncompressed[0] != 4) {
      throw new GeneralSecurityException("not an uncompressed P-256 point");
    }
    ECPoint point =
        new ECPoint(
            new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
            new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
    return (ECPublicKey)
        KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, P256));
  }

  static ECPrivateKey privateKey(byte[] scalar) throws GeneralSecurityException {
    return (ECPrivateKey)
        KeyFactory.getInstance("EC")
            .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar), P256));
  }

  /** Refuses a key a browser could not have made: not a point of P-256. */
  static void checkPublicKey(byte[] uncompressed) throws GeneralSecurityException {
    KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
    agreement.init(newKeyPair().getPrivate());
    agreement.doPhase(publicKey(uncompressed), true);
  }

  static byte[] rawPublicKey(ECPublicKey key) {
    return concat(new byte[] {4}, fixed(key.getW().getAffineX()), fixed(key.getW().getAffineY()));
  }

  static byte[] rawPrivateKey(ECPrivateKey key) {
    return fixed(key.getS());
  }

  /** A coordinate or scalar as exactly 32 big-endian bytes. */
  private static byte[] fixed(BigInteger value) {
    byte[] bytes = value.toByteArray();
    byte[] out = new byte[32];
    int length = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
    return out;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
