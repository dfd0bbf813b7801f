package io.camelitwin.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages are rooms with one-way doors: {@code client} (no Camel) &lt;- {@code component} (no Quarkus) &lt;- the
 * application's Quarkus glue in {@code app}; the {@code emulator} stands apart from all three, so that it cannot share
 * a misreading of the platform with the client it tests; the {@code broker} plugin, which runs inside the message
 * broker, stands apart from everything. Each rule fails with the offending class and dependency.
 */
class PackageArrowsTest {

    private static final String CLIENT = "io.camelitwin.client..";
    private static final String COMPONENT = "io.camelitwin.component..";
    private static final String APP = "io.camelitwin.app..";
    private static final String EMULATOR = "io.camelitwin.emulator..";
    private static final String BROKER = "io.camelitwin.broker..";
    private static final String CAMEL = "org.apache.camel..";
    private static final String QUARKUS = "io.quarkus..";

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(PackageArrowsTest::isProductionModule)
                .importPackages("io.camelitwin");
    }

    /**
     * The modules' classes arrive as directories or jars (the library, the emulator, the application); the library's
     * test jar and the test support module are tests, whatever their location looks like.
     */
    private static boolean isProductionModule(Location location) {
        return !location.contains("-tests.jar") && !location.contains("camel-itwin-test-support");
    }

    @Test
    void clientKnowsNoCamelNoQuarkusAndNothingAboveIt() {
        noClasses()
                .that()
                .resideInAPackage(CLIENT)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(CAMEL, QUARKUS, COMPONENT, APP, EMULATOR)
                .check(production);
    }

    @Test
    void componentRunsWithoutQuarkusAndKnowsNeitherTheAppNorTheEmulator() {
        noClasses()
                .that()
                .resideInAPackage(COMPONENT)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(QUARKUS, APP, EMULATOR)
                .check(production);
    }

    @Test
    void emulatorSharesNoCodeWithWhatItTests() {
        noClasses()
                .that()
                .resideInAPackage(EMULATOR)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(CLIENT, COMPONENT, APP, CAMEL, QUARKUS)
                .check(production);
    }

    /** The broker plugin runs inside ActiveMQ Artemis, whose classpath has none of the application's libraries. */
    @Test
    void brokerPluginStandsApartFromEverythingElse() {
        noClasses()
                .that()
                .resideInAPackage(BROKER)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(CLIENT, COMPONENT, APP, EMULATOR, CAMEL, QUARKUS)
                .check(production);
        noClasses()
                .that()
                .resideOutsideOfPackage(BROKER)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(BROKER)
                .check(production);
    }

    @Test
    void onlyTheApplicationGlueImportsQuarkus() {
        noClasses()
                .that()
                .resideOutsideOfPackage(APP)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(QUARKUS)
                .check(production);
    }

    @Test
    void onlyTheClientReachesIntoItsInternals() {
        noClasses()
                .that()
                .resideOutsideOfPackage(CLIENT)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.camelitwin.client.internal..")
                .check(production);
    }

    /** The rooms themselves: the arrows above leave no way back, and this says so for any room added later. */
    @Test
    void noCycleBetweenTheRooms() {
        slices().matching("io.camelitwin.(*)..").should().beFreeOfCycles().check(production);
    }

    /**
     * Inside the client, its packages (auth, error, internal, model, ratelimit) depend on each other one way only: the
     * client's front ({@code io.camelitwin.client} itself: the platform client, its listener and the redaction of
     * secrets) is what every one of them may use, so it is no slice of its own.
     */
    @Test
    void noCycleBetweenTheClientsPackages() {
        slices().matching("io.camelitwin.client.(*)..")
                .should()
                .beFreeOfCycles()
                .check(production);
    }

    /**
     * Inside the application, its packages by role (config, platform, health, metrics, state, folder, routes, s3,
     * queue, cluster) depend on each other one way only; the root package wires the itwin component from them, and
     * none of them reaches back into it.
     */
    @Test
    void noCycleBetweenTheApplicationsPackages() {
        slices().matching("io.camelitwin.app.(*)..").should().beFreeOfCycles().check(production);
        noClasses()
                .that()
                .resideInAPackage("io.camelitwin.app.*..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.camelitwin.app")
                .check(production);
    }
}
