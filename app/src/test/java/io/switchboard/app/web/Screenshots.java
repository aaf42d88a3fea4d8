package io.switchboard.app.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/** Screenshots of the main screens, kept as build artifacts in {@code app/target/screenshots/}. */
final class Screenshots {

  /** Surefire runs in the module's directory, so this is app/target/screenshots. */
  static final Path DIRECTORY = Path.of("target", "screenshots");

  private Screenshots() {}

  static Path save(TakesScreenshot browser, String name) {
    try {
      Files.createDirectories(DIRECTORY);
      Path file = DIRECTORY.resolve(name + ".png");
      Path taken = browser.getScreenshotAs(OutputType.FILE).toPath();
      Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not save screenshot " + name, e);
    }
  }
}
