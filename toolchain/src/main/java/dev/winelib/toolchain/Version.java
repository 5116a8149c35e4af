package dev.winelib.toolchain;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of winebuild-j, from the build. */
public final class Version {

    private static final String VERSION = load();

    private Version() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        // the jar's Implementation-Version: the class archive of bin/winebuild-j keeps the manifests of the
        // jars its classes come from, so this opens no file, where a resource would open the JDK's module
        // image and the jar (some 15 ms of every run); the resource is for classes not from a jar (tests)
        String fromManifest = Version.class.getPackage().getImplementationVersion();
        if (fromManifest != null) {
            return fromManifest;
        }
        try (InputStream in = Version.class.getResourceAsStream("/dev/winelib/toolchain/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
