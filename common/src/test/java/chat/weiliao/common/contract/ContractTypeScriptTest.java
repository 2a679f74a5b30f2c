package chat.weiliao.common.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The web client's contract types are the catalogue's: {@code web/src/api/contract.ts} is exactly
 * what {@link ContractTypeScript} writes. With {@code -Dcontract.write=true} the test writes the
 * file instead (after a change to the records), and the diff shows what the web client must follow.
 */
class ContractTypeScriptTest {
  private static final Path WEB_CONTRACT = Path.of("..", "web", "src", "api", "contract.ts");

  @Test
  void theWebClientsTypesAreGeneratedFromTheCatalogue() throws IOException {
    String generated = ContractTypeScript.emit();
    if (Boolean.getBoolean("contract.write")) {
      Files.writeString(WEB_CONTRACT, generated);
    }
    assertEquals(
        generated,
        Files.readString(WEB_CONTRACT),
        "web/src/api/contract.ts is out of date: regenerate it (see its first lines)");
  }
}
