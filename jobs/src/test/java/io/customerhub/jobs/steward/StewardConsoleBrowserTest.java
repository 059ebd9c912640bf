package io.customerhub.jobs.steward;

import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.jobs.review.ReviewDesk;
import io.customerhub.jobs.review.ReviewHub;
import io.customerhub.jobs.review.ReviewItem;
import io.customerhub.jobs.spark.SparkTestBase;
import io.customerhub.jobs.table.StewardDecisions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A steward's journey in a real headless Chromium (Debian's chromium + chromium-driver, driven by
 * Selenium): sign in, open the most impactful pair, answer it with the keyboard, see the next run
 * honour it, find the customer and their golden record, undo. Screenshots of the main pages go to
 * target/console-screenshots (the README's images come from there).
 */
class StewardConsoleBrowserTest extends SparkTestBase {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("HUB_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("HUB_CHROMEDRIVER", "/usr/bin/chromedriver"));

    @Test
    void aStewardClearsAnItemInTheBrowserAndTheNextRunHonoursIt() throws Exception {
        boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!browser && System.getenv("CI") != null) {
            throw new AssertionError("CI must run the browser test: install Debian's chromium and chromium-driver (.ci/run does)");
        }
        Assumptions.assumeTrue(browser, "no chromium/chromedriver here: apt-get install chromium chromium-driver");

        ReviewHub hub = new ReviewHub(spark(), tempDir.resolve("hub"));
        hub.night("r1", ReviewHub.CRM, ReviewHub.WEB);
        hub.golden("r1");
        hub.build("r1");
        ReviewItem item = hub.queue().stream().filter(ReviewItem::isPair)
                .max(java.util.Comparator.comparingDouble(ReviewItem::priority)).orElseThrow();
        assertThat(hub.xref().get(item.leftKey())).as("not linked before the decision").isNotEqualTo(hub.xref().get(item.rightKey()));
        Path users = tempDir.resolve("stewards.json");
        StewardAccounts.setPassword(users, "alice", StewardConsoleTest.ALICE_PASSWORD.toCharArray());
        Path shots = Files.createDirectories(Path.of("target", "console-screenshots"));

        WebDriver driver = chrome();
        try (StewardConsole console = StewardConsole.start(spark(), hub.tables, StewardAccounts.fromFile(users), "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + console.port();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));

            driver.get(base + "/queue");
            wait.until(ExpectedConditions.urlToBe(base + "/login"));
            driver.findElement(By.id("name")).sendKeys("alice");
            driver.findElement(By.id("password")).sendKeys("wrong password");
            driver.findElement(By.id("sign-in")).click();
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error"))).getText()).contains("Wrong name or password");
            driver.findElement(By.id("name")).sendKeys("alice");
            driver.findElement(By.id("password")).sendKeys(StewardConsoleTest.ALICE_PASSWORD);
            shot(driver, shots, "login");
            driver.findElement(By.id("sign-in")).click();
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("steward"))).getText()).isEqualTo("alice");
            assertThat(driver.findElements(By.cssSelector("#queue tbody tr"))).hasSize(hub.queue().size());
            shot(driver, shots, "queue");

            // The queue's keyboard: j selects the first (most impactful) row, Enter opens it.
            new Actions(driver).sendKeys("j").sendKeys(Keys.ENTER).perform();
            wait.until(ExpectedConditions.urlContains("/items/"));
            WebElement meta = driver.findElement(By.id("item-meta"));
            String opened = meta.getAttribute("data-item");
            assertThat(opened).isEqualTo(hub.queue().stream().max(java.util.Comparator.comparingDouble(ReviewItem::priority)).orElseThrow().itemId());
            driver.get(base + "/items/" + item.itemId());
            assertThat(driver.findElement(By.id("compare")).getText()).contains(item.leftKey(), item.rightKey(), "family_name");
            List<WebElement> bars = driver.findElements(By.cssSelector("#waterfall rect"));
            assertThat(bars).as("prior, one bar per comparison, final").hasSizeGreaterThan(3);
            assertThat(driver.findElements(By.cssSelector(".members"))).as("the clusters a 'same' would join").hasSize(2);
            shot(driver, shots, "item");

            // s asks for the reason first; Enter in the reason field submits the pending answer.
            new Actions(driver).sendKeys("s").perform();
            WebElement reason = driver.switchTo().activeElement();
            assertThat(reason.getAttribute("id")).isEqualTo("reason");
            reason.sendKeys("same e-mail and phone in the call notes", Keys.ENTER);
            WebElement flash = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("flash")));
            assertThat(flash.getText()).contains("recorded on item " + item.itemId());

            List<StewardDecisions.Stored> decisions = new ReviewDesk(spark(), hub.tables).history(item.itemId());
            assertThat(decisions).hasSize(1);
            assertThat(decisions.get(0).steward()).isEqualTo("alice");
            assertThat(decisions.get(0).action()).isEqualTo("SAME");
            assertThat(decisions.get(0).reason()).isEqualTo("same e-mail and phone in the call notes");

            hub.matchAndCluster("r2");
            hub.golden("r2");
            String golden = hub.xref().get(item.leftKey());
            assertThat(hub.xref().get(item.rightKey())).as("the next run honours the decision").isEqualTo(golden);

            driver.get(base + "/search");
            driver.findElement(By.id("q")).sendKeys(item.leftKey().replace('/', ':'), Keys.ENTER);
            WebElement results = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("results")));
            assertThat(results.getText()).contains(item.leftKey(), "golden " + golden);
            shot(driver, shots, "search");
            results.findElement(By.linkText("golden " + golden)).click();
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("golden-id"))).getText()).isEqualTo(golden);
            assertThat(driver.findElement(By.cssSelector(".members")).getText()).contains(item.leftKey(), item.rightKey());
            assertThat(driver.findElement(By.id("changes")).getText()).contains("insert");
            shot(driver, shots, "golden");

            driver.get(base + "/items/" + item.itemId());
            driver.findElement(By.id("undo-" + decisions.get(0).decisionId())).click();
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("flash"))).getText()).contains("undone");
            assertThat(new ReviewDesk(spark(), hub.tables).history(item.itemId()).get(0).undoneBy()).isEqualTo("alice");
            driver.findElement(By.id("sign-out")).click();
            wait.until(ExpectedConditions.urlToBe(base + "/login"));
        } finally {
            driver.quit();
        }
    }

    private WebDriver chrome() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createDirectories(tempDir.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString())).build();
        return new ChromeDriver(service, options);
    }

    private static void shot(WebDriver driver, Path dir, String name) throws IOException {
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), dir.resolve("console-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
