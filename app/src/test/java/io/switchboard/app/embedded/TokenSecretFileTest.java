package io.switchboard.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSecretFileTest {

  @Test
  void generatesOnceAndReadsTheSameSecretAfterARestart(@TempDir Path dataDirectory) throws Exception {
    String first = TokenSecretFile.readOrCreate(dataDirectory);
    String second = TokenSecretFile.readOrCreate(dataDirectory);

    assertThat(first).hasSize(64).matches("[A-Za-z0-9_-]+").isEqualTo(second);
    Path file = dataDirectory.resolve(TokenSecretFile.FILE_NAME);
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(Files.getPosixFilePermissions(file))
          .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
  }

  @Test
  void refusesASecretTooShortForHmac(@TempDir Path dataDirectory) throws Exception {
    Files.writeString(dataDirectory.resolve(TokenSecretFile.FILE_NAME), "short");

    assertThatThrownBy(() -> TokenSecretFile.readOrCreate(dataDirectory))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shorter than 32");
  }
}
