package flagbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import org.junit.jupiter.api.Test;

class LaunchTest {

    @Test
    void readsTheFeatureReleaseOfEveryJavaSpelling() {
        assertThat(Launch.feature("1.8")).isEqualTo(8);
        assertThat(Launch.feature("17")).isEqualTo(17);
        assertThat(Launch.feature("25")).isEqualTo(25);
        assertThat(Launch.feature("next")).as("unreadable: Main gets to try").isEqualTo(Integer.MAX_VALUE);
    }

    /** The release it asks for is the one the rest is compiled for (class file major version 44 + release). */
    @Test
    void theJavaItAsksForIsTheOneMainIsCompiledForAndItselfLoadsOnJava8() throws Exception {
        assertThat(majorVersion(Main.class) - 44).isEqualTo(Launch.NEEDED);
        assertThat(majorVersion(Launch.class) - 44).isEqualTo(8);
    }

    private static int majorVersion(Class<?> type) throws Exception {
        try (var in = new DataInputStream(type.getResourceAsStream(type.getSimpleName() + ".class"))) {
            in.readInt(); // 0xCAFEBABE
            in.readUnsignedShort(); // minor
            return in.readUnsignedShort();
        }
    }
}
