package io.switchboard.app.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The all-in-one launcher's JWT signing secret, kept in {@code <dataDir>/token-secret} so that tokens issued
 * before a restart stay valid after it. Deployed services get {@code switchboard.security.token-secret} from
 * their own configuration instead.
 */
public final class TokenSecretFile {

  public static final String TOKEN_SECRET_PROPERTY = "switchboard.security.token-secret";
  static final String FILE_NAME = "token-secret";

  /** 48 random bytes: 384 bits, enough for HMAC-SHA-384; 64 characters once base64url-encoded. */
  private static final int SECRET_BYTES = 48;

  /** The shortest secret accepted from the file; shorter ones are too weak for HMAC-SHA-256. */
  private static final int MINIMUM_SECRET_LENGTH = 32;

  private TokenSecretFile() {}

  /** Reads the secret, generating and saving one (readable by the owner only) on first start. */
  public static String readOrCreate(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE_NAME);
    try {
      if (Files.notExists(file)) {
        create(file);
      }
      return read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the token secret " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    byte[] random = new byte[SECRET_BYTES];
    new SecureRandom().nextBytes(random);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.createDirectories(file.toAbsolutePath().getParent());
    createOwnerOnly(file);
    Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Created with owner-only permissions before the secret is written, so it is never readable by others. */
  private static void createOwnerOnly(Path file) throws IOException {
    if (Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix")) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
      file.toFile().setReadable(false, false);
      file.toFile().setReadable(true, true);
      file.toFile().setWritable(false, false);
      file.toFile().setWritable(true, true);
    }
  }

  private static String read(Path file) throws IOException {
    String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
    if (secret.length() < MINIMUM_SECRET_LENGTH) {
      throw new IllegalStateException(file + " holds a secret shorter than " + MINIMUM_SECRET_LENGTH
          + " characters; delete it to generate a new one (tokens issued before become invalid)");
    }
    return secret;
  }
}
