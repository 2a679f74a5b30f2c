package chat.weiliao.allinone;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A push service on 127.0.0.1 for the tests, checking each request as real ones do: the VAPID JWT
 * (RFC 8292) signed with the key the server advertises, {@code aud} its own origin, {@code exp}
 * within 24 hours; {@code Content-Encoding: aes128gcm}; TTL, Urgency and Topic. It then decrypts
 * the body (RFC 8291) with the device's private key, as a browser would. A request that fails a
 * check is answered 400 and listed in {@link #problems()}. The user agent's side is written here
 * independently of the server's code.
 */
final class TestPushService implements AutoCloseable {
  private static final Pattern TOPIC = Pattern.compile("^[A-Za-z0-9_-]{1,32}$");
  private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
  private static final SecureRandom random = new SecureRandom();

  /** DER of a P-256 SubjectPublicKeyInfo up to its 65-byte point. */
  private static final byte[] P256_SPKI_PREFIX =
      HexFormat.of().parseHex("3059301306072a8648ce3d020106082a8648ce3d030107034200");

  /** What the service accepted for a device: the decrypted payload and the headers. */
  record Delivery(JsonObject payload, String topic, String urgency, String ttl) {}

  /** A browser's subscription: its endpoint here and its keys. */
  final class Device {
    final String path = "/push/" + UUID.randomUUID();
    private final KeyPair keys;
    private final byte[] auth = new byte[16];
    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> attempts = new LinkedBlockingQueue<>();
    private final Deque<Integer> scripted = new ConcurrentLinkedDeque<>();

    private Device() throws Exception {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      keys = generator.generateKeyPair();
      random.nextBytes(auth);
    }

    String endpoint() {
      return origin() + path;
    }

    /** The browser's PushSubscription JSON. */
    JsonObject subscription() {
      return new JsonObject()
          .put("endpoint", endpoint())
          .put(
              "keys",
              new JsonObject()
                  .put("p256dh", base64url(rawPublicKey(keys.getPublic())))
                  .put("auth", base64url(auth)));
    }

    /** The next requests are answered with these statuses (without delivering), then 201 again. */
    void answerNext(Integer... statuses) {
      scripted.addAll(List.of(statuses));
    }

    /** The next push accepted for this device; fails after 10 s. */
    Delivery next() throws InterruptedException {
      Delivery delivery = deliveries.poll(10, TimeUnit.SECONDS);
      if (delivery == null) {
        throw new AssertionError("no push within 10 s at " + path + "; problems: " + problems);
      }
      return delivery;
    }

    /** The status of the next request to this device, whatever it was answered. */
    int nextAttempt() throws InterruptedException {
      Integer status = attempts.poll(10, TimeUnit.SECONDS);
      if (status == null) {
        throw new AssertionError("no request within 10 s at " + path);
      }
      return status;
    }

    /** Requests made to this device's endpoint and not yet taken with {@link #nextAttempt()}. */
    int attemptsLeft() {
      return attempts.size();
    }
  }

  private final HttpServer server;
  private final Map<String, Device> devices = new ConcurrentHashMap<>();
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  private volatile byte[] vapidKey;

  private TestPushService() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/push/", this::handle);
    server.start();
  }

  static TestPushService start() throws IOException {
    return new TestPushService();
  }

  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The server's advertised VAPID public key (GET /api/push/key): only it may sign. */
  void trust(String vapidPublicKey) {
    vapidKey = BASE64URL.decode(vapidPublicKey);
  }

  Device newDevice() throws Exception {
    Device device = new Device();
    devices.put(device.path, device);
    return device;
  }

  List<String> problems() {
    return List.copyOf(problems);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Device device = devices.get(exchange.getRequestURI().getPath());
    int status;
    try {
      if (device == null || !"POST".equals(exchange.getRequestMethod())) {
        throw new IllegalStateException("unknown endpoint or method: " + exchange.getRequestURI());
      }
      checkVapid(exchange.getRequestHeaders().getFirst("Authorization"));
      var headers = exchange.getRequestHeaders();
      require(
          "aes128gcm".equals(headers.getFirst("Content-Encoding")),
          "Content-Encoding is not aes128gcm");
      String topic = headers.getFirst("Topic");
      require(
          topic == null || TOPIC.matcher(topic).matches(),
          "Topic is not 1-32 base64url characters");
      require(headers.getFirst("TTL") != null, "no TTL");
      JsonObject payload =
          new JsonObject(new String(decrypt(body, device), StandardCharsets.UTF_8));
      Integer scripted = device.scripted.poll();
      status = scripted == null ? 201 : scripted;
      if (status == 201) {
        device.deliveries.add(
            new Delivery(payload, topic, headers.getFirst("Urgency"), headers.getFirst("TTL")));
      }
    } catch (Exception refused) {
      problems.add(refused.toString());
      status = 400;
    }
    if (device != null) {
      device.attempts.add(status);
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  /** {@code vapid t=<JWT>, k=<key>}: the key is the advertised one and it signed the JWT. */
  private void checkVapid(String authorization) throws Exception {
    require(authorization != null && authorization.startsWith("vapid "), "no vapid Authorization");
    String token = null;
    String key = null;
    for (String part : authorization.substring("vapid ".length()).split(",")) {
      String[] pair = part.trim().split("=", 2);
      if (pair[0].equals("t")) {
        token = pair[1];
      } else if (pair[0].equals("k")) {
        key = pair[1];
      }
    }
    require(token != null && key != null, "vapid without t or k");
    require(Arrays.equals(BASE64URL.decode(key), vapidKey), "k is not the advertised VAPID key");
    String[] jwt = token.split("\\.");
    require(jwt.length == 3, "not a JWS");
    JsonObject header =
        new JsonObject(new String(BASE64URL.decode(jwt[0]), StandardCharsets.UTF_8));
    require("ES256".equals(header.getString("alg")), "alg is not ES256");
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(publicKey(vapidKey));
    verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    require(verifier.verify(BASE64URL.decode(jwt[2])), "the JWT's signature does not verify");
    JsonObject claims =
        new JsonObject(new String(BASE64URL.decode(jwt[1]), StandardCharsets.UTF_8));
    require(origin().equals(claims.getString("aud")), "aud is " + claims.getString("aud"));
    long now = System.currentTimeMillis() / 1000;
    long exp = claims.getLong("exp", 0L);
    require(exp > now && exp <= now + 24 * 3600, "exp is not within 24 h");
    String sub = claims.getString("sub", "");
    require(sub.startsWith("mailto:") || sub.startsWith("https:"), "sub is not mailto: or https:");
  }

  /** RFC 8291 on the user agent's side: one aes128gcm record, keys from the header's sender key. */
  private static byte[] decrypt(byte[] body, Device device) throws Exception {
    ByteBuffer in = ByteBuffer.wrap(body);
    byte[] salt = new byte[16];
    in.get(salt);
    int recordSize = in.getInt();
    byte[] senderKey = new byte[in.get()];
    in.get(senderKey);
    byte[] record = new byte[in.remaining()];
    in.get(record);
    require(record.length <= recordSize, "the record is longer than the record size");
    KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
    agreement.init(device.keys.getPrivate());
    agreement.doPhase(publicKey(senderKey), true);
    byte[] ikm =
        hmac(
            hmac(device.auth, agreement.generateSecret()),
            join(
                "WebPush: info\0".getBytes(StandardCharsets.US_ASCII),
                rawPublicKey(device.keys.getPublic()),
                senderKey,
                new byte[] {1}));
    byte[] prk = hmac(salt, ikm);
    byte[] contentKey =
        Arrays.copyOf(
            hmac(prk, "Content-Encoding: aes128gcm\0\1".getBytes(StandardCharsets.US_ASCII)), 16);
    byte[] nonce =
        Arrays.copyOf(
            hmac(prk, "Content-Encoding: nonce\0\1".getBytes(StandardCharsets.US_ASCII)), 12);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(contentKey, "AES"),
        new GCMParameterSpec(128, nonce));
    byte[] padded = cipher.doFinal(record);
    int end = padded.length - 1;
    while (end >= 0 && padded[end] == 0) {
      end--;
    }
    require(end >= 0 && padded[end] == 2, "the last record does not end with the delimiter 2");
    return Arrays.copyOf(padded, end);
  }

  private static byte[] hmac(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static PublicKey publicKey(byte[] uncompressed) throws Exception {
    return KeyFactory.getInstance("EC")
        .generatePublic(new X509EncodedKeySpec(join(P256_SPKI_PREFIX, uncompressed)));
  }

  /** The 65-byte uncompressed point that ends a P-256 key's X.509 encoding. */
  private static byte[] rawPublicKey(PublicKey key) {
    byte[] encoded = key.getEncoded();
    return Arrays.copyOfRange(encoded, encoded.length - 65, encoded.length);
  }

  private static byte[] join(byte[]... parts) {
    ByteBuffer out = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(part -> part.length).sum());
    Arrays.stream(parts).forEach(out::put);
    return out.array();
  }

  private static String base64url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void require(boolean check, String problem) {
    if (!check) {
      throw new IllegalStateException(problem);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
