package dev.squall;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions that go into every provenance record: Squall, Java, OS, DJL. */
public final class Versions {
  private Versions() {}

  /** Squall's version from the build (filtered resource), or "unknown" outside a build. */
  public static String squall() {
    try (InputStream in = Versions.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Squall, Java, OS and engine versions, in a stable order. */
  public static Map<String, String> all() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("squall", squall());
    m.put("java", System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    m.put("djl", ai.djl.engine.Engine.getDjlVersion());
    return m;
  }
}
