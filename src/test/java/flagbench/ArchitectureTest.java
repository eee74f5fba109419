package flagbench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The house rules that matter, as a test that fails the build: the packages' layering, and no trust-all TLS in the code
 * users run.
 *
 * <pre>
 * catalog, timing ──► server, download ──► results ──► report, bench ──► tune, history ──► cli
 * </pre>
 *
 * A package uses only what stands to its left ({@code catalog} and {@code timing} nothing of flagbench); {@code bench} and
 * {@code report} meet in the run folder ({@code results}) and never import each other; {@code tune} plans benches and
 * reads their tuning tables; {@code cli} is the only one that knows them all. Each package also keeps away from the
 * libraries it must not know (the download code from WireMock and JMH, the report from HTTP clients, the run-folder format
 * from statistics and charts).
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("flagbench");

    @Test
    void eachPackageUsesOnlyWhatStandsToItsLeft() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("catalog")
                .definedBy("flagbench.catalog..")
                .layer("timing")
                .definedBy("flagbench.timing..")
                .layer("server")
                .definedBy("flagbench.server..")
                .layer("download")
                .definedBy("flagbench.download..")
                .layer("results")
                .definedBy("flagbench.results..")
                .layer("report")
                .definedBy("flagbench.report..")
                .layer("bench")
                .definedBy("flagbench.bench..")
                .layer("tune")
                .definedBy("flagbench.tune..")
                .layer("history")
                .definedBy("flagbench.history..")
                .layer("cli")
                .definedBy("flagbench.cli..")
                .whereLayer("cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("tune")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("history")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("bench")
                .mayOnlyBeAccessedByLayers("tune", "cli")
                .whereLayer("report")
                .mayOnlyBeAccessedByLayers("tune", "history", "cli")
                .whereLayer("results")
                .mayOnlyBeAccessedByLayers("report", "bench", "tune", "history", "cli")
                .whereLayer("server")
                .mayOnlyBeAccessedByLayers("results", "report", "bench", "tune", "history", "cli")
                .whereLayer("download")
                .mayOnlyBeAccessedByLayers("results", "report", "bench", "tune", "history", "cli")
                .whereLayer("catalog")
                .mayOnlyBeAccessedByLayers("server", "download", "results", "report", "bench", "tune", "history", "cli")
                .whereLayer("timing")
                .mayOnlyBeAccessedByLayers("server", "download", "results", "report", "bench", "tune", "history", "cli")
                .check(MAIN);
    }

    @Test
    void eachPackageKeepsAwayFromTheLibrariesItMustNotKnow() {
        rule(
                        "flagbench.download..",
                        "the download code runs in any JVM against any server",
                        "com.github.tomakehurst.wiremock..",
                        "org.openjdk.jmh..")
                .check(MAIN);
        rule("flagbench.server..", "the server knows nothing of the benchmark", "org.openjdk.jmh..")
                .check(MAIN);
        rule(
                        "flagbench.catalog..",
                        "the catalog is data",
                        "java.net.http..",
                        "org.openjdk.jmh..",
                        "com.github.tomakehurst.wiremock..")
                .check(MAIN);
        rule(
                        "flagbench.report..",
                        "a report reads run folders, it never downloads",
                        "com.github.tomakehurst.wiremock..",
                        "org.apache.hc..",
                        "java.net.http..",
                        "okhttp3..",
                        "reactor.netty..",
                        "org.eclipse.jetty.client..")
                .check(MAIN);
        rule(
                        "flagbench.results..",
                        "the run-folder format is read and written here, judged and drawn elsewhere",
                        "org.apache.commons.math3..",
                        "org.knowm.xchart..")
                .check(MAIN);
        rule("flagbench.bench..", "the bench writes a run folder, the report draws it", "org.knowm.xchart..")
                .check(MAIN);
    }

    /** A client that trusts every certificate, or every host name, would measure a TLS that no user runs, and leak into theirs. */
    @Test
    void noTrustAllTlsInTheCodeUsersRun() {
        noClasses()
                .should()
                .implement(javax.net.ssl.X509TrustManager.class)
                .orShould()
                .implement(javax.net.ssl.HostnameVerifier.class)
                .orShould()
                .beAssignableTo("javax.net.ssl.X509ExtendedTrustManager")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.netty.handler.ssl.util.InsecureTrustManagerFactory")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.apache.hc.client5.http.ssl.TrustAllStrategy")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.apache.hc.client5.http.ssl.TrustSelfSignedStrategy")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.apache.hc.client5.http.ssl.NoopHostnameVerifier")
                .because("flagbench trusts its own server's certificate and nothing else (download.Trust)")
                .check(MAIN);
    }

    private static ArchRule rule(String pkg, String why, String... libraries) {
        return noClasses()
                .that()
                .resideInAPackage(pkg)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(libraries)
                .because(why);
    }
}
