package io.faultline.server;

import io.faultline.config.ConfigLoader;
import io.faultline.config.LoadedConfig;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live page in Debian's headless Chromium (installed by docker/scripts/prepare-machine.sh): a local run
 * of the stale-reads example under partitions, watched from the page, shows its counters and charts move, a
 * band while a partition is active, the live anomaly and the verdict. Screenshots go to target/screenshots.
 */
class LivePageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target/screenshots");

    @TempDir
    Path store;
    @TempDir
    Path profile;

    private Vertx vertx;
    private WebServer server;
    private RunService runs;
    private final List<WebDriver> drivers = new java.util.ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "skipped: Debian's chromium and chromium-driver are not installed (docker/scripts/prepare-machine.sh installs them)");
        vertx = Vertx.vertx();
        runs = new RunService(store, true);
        server = new WebServer(vertx, runs, new WebServer.Settings("127.0.0.1", 0, ApiToken.of("t"), List.of()))
                .start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        Files.createDirectories(SHOTS);
    }

    @AfterEach
    void stop() throws Exception {
        for (WebDriver driver : drivers) driver.quit();
        if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private WebDriver browser(boolean scripts) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1300",
                "--user-data-dir=" + Files.createTempDirectory(profile, "chromium"));
        if (!scripts) options.addArguments("--blink-settings=scriptEnabled=false");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        drivers.add(driver);
        return driver;
    }

    @Test
    void thePageShowsARunLiveWithFaultBandsTheAnomalyAndTheVerdict() throws Exception {
        LoadedConfig config = ConfigLoader.load(Path.of("../docker/examples/local-stale-reads.yaml"), List.of(
                new ConfigLoader.Override("time-limit", "12s"), new ConfigLoader.Override("nemesis.interval", "1500ms")), System.getenv());
        String id = runs.start(config).get(60, TimeUnit.SECONDS);
        WebDriver page = browser(true);
        page.get(server.url() + "#run=" + id);
        // The page redraws its charts four times a second, so an element found may be replaced before it is read.
        WebDriverWait wait = (WebDriverWait) new WebDriverWait(page, Duration.ofSeconds(90)).ignoring(StaleElementReferenceException.class);

        long firstOk = wait.withMessage("the ok counter never rose above 0").until(counterAbove(0));
        long laterOk = wait.withMessage("the ok counter never moved past " + firstOk).until(counterAbove(firstOk));
        assertThat(laterOk).isGreaterThan(firstOk);
        int points = wait.withMessage("the throughput chart never drew a line").until(chartPoints(0));
        wait.withMessage("the throughput chart never moved past " + points + " points").until(chartPoints(points));
        wait.withMessage("no fault band appeared while a partition was active")
                .until(d -> !d.findElements(By.cssSelector("#throughput-chart rect.band")).isEmpty());
        wait.withMessage("the nemesis list stayed empty").until(d -> !d.findElements(By.cssSelector("#nemesis tr")).isEmpty());
        WebElement anomaly = wait.withMessage("no live anomaly banner while the run went on")
                .until(d -> d.findElement(By.id("anomaly")).isDisplayed() ? d.findElement(By.id("anomaly")) : null);
        assertThat(anomaly.getText()).contains("Live anomaly").contains("not linearizable");
        assertThat(page.findElement(By.id("verdict")).isDisplayed()).as("the anomaly shows before the verdict").isFalse();
        shot(page, "live-view.png");

        WebElement verdict = wait.withMessage("the verdict never landed on the page")
                .until(d -> d.findElement(By.id("verdict")).isDisplayed() ? d.findElement(By.id("verdict")) : null);
        assertThat(verdict.getText()).contains("invalid");
        wait.withMessage("the run list never showed the run invalid").until(d ->
                d.findElements(By.cssSelector("#runs tr[data-id='" + id + "'] .pill.invalid")).size() == 1);
        shot(page, "verdict.png");

        String report = server.url() + "api/runs/" + id + "/report";
        if (status(report) == 200) {
            page.get(report);
            shot(page, "report.png");
            WebDriver noScripts = browser(false);
            noScripts.get(report);
            shot(noScripts, "report-no-scripts.png");
        } else {
            System.out.println("LivePageBrowserTest: no report.html in this build's run directory; report screenshots not taken");
        }
    }

    private static Function<WebDriver, Long> counterAbove(long floor) {
        return d -> {
            String text = d.findElement(By.id("count-ok")).getText().strip();
            long value = text.isEmpty() ? 0 : Long.parseLong(text);
            return value > floor ? value : null;
        };
    }

    private static Function<WebDriver, Integer> chartPoints(int floor) {
        return d -> {
            List<WebElement> lines = d.findElements(By.cssSelector("#throughput-chart polyline.series"));
            if (lines.isEmpty()) return null;
            int n = Integer.parseInt(lines.get(0).getAttribute("data-points"));
            return n > floor ? n : null;
        };
    }

    private static int status(String url) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private static void shot(WebDriver driver, String name) throws Exception {
        File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
