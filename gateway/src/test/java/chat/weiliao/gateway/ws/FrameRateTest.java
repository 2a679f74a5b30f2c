package chat.weiliao.gateway.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrameRateTest {

  @Test
  void aBurstAcrossASecondBoundaryIsStillOneBurst() {
    FrameRate rate = new FrameRate(100, 10);
    int refused = 0;
    for (int i = 0; i < 150; i++) {
      // 150 frames within 15 ms, straddling the boundary between two clock seconds
      if (rate.count(9_993 + i / 10) != FrameRate.Verdict.OK) {
        refused++;
      }
    }
    assertEquals(50, refused);
  }

  @Test
  void aSteadyHundredPerSecondIsNeverRefused() {
    FrameRate rate = new FrameRate(100, 10);
    for (long t = 0; t < 5_000; t += 10) {
      assertEquals(FrameRate.Verdict.OK, rate.count(t));
    }
  }

  @Test
  void tenConsecutiveAbusiveSecondsClose() {
    FrameRate rate = new FrameRate(100, 10);
    FrameRate.Verdict last = FrameRate.Verdict.OK;
    for (long second = 0; second < 10; second++) {
      for (int i = 0; i < 150; i++) {
        last = rate.count(second * 1000 + i);
      }
      assertEquals(second < 9 ? FrameRate.Verdict.REFUSE : FrameRate.Verdict.CLOSE, last);
    }
  }

  @Test
  void aQuietSecondResetsTheAbuseCount() {
    FrameRate rate = new FrameRate(100, 3);
    for (int i = 0; i < 150; i++) {
      rate.count(i);
    }
    for (int i = 0; i < 150; i++) {
      rate.count(1000 + i);
    }
    for (int i = 0; i < 150; i++) {
      rate.count(3000 + i);
    }
    assertEquals(FrameRate.Verdict.REFUSE, rate.count(3200));
  }
}
