package flagbench.cli;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's entry point, compiled for Java 8 so that any JVM can load it: on a Java older than flagbench needs it says so in
 * one line (exit 1) instead of the JVM's {@code UnsupportedClassVersionError}; on 21 or later it hands over to
 * {@link Main}. It names Main only by reflection, since a Java 8 class file cannot link to a Java 21 one at compile time.
 */
public final class Launch {

    /** The Java feature release flagbench is compiled for (the pom's {@code maven.compiler.release}). */
    static final int NEEDED = 21;

    private Launch() {}

    public static void main(String[] args) throws Throwable {
        int running = feature(System.getProperty("java.specification.version"));
        if (running < NEEDED) {
            System.err.println("flagbench: needs Java " + NEEDED + " or later; this is Java "
                    + System.getProperty("java.specification.version")
                    + " (" + System.getProperty("java.home")
                    + "): run scripts/flagbench, which finds one, or set JAVA_HOME to a JDK "
                    + NEEDED + "+");
            System.exit(1);
        }
        try {
            Class.forName("flagbench.cli.Main")
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** {@code "1.8"} is 8, {@code "17"} is 17; what cannot be read is taken as new enough, to let Main try. */
    static int feature(String specification) {
        try {
            return specification.startsWith("1.")
                    ? Integer.parseInt(specification.substring(2))
                    : Integer.parseInt(specification);
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }
}
