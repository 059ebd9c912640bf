package io.customerhub.jobs.steward;

import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.jobs.review.ReviewDesk;
import io.customerhub.jobs.review.ReviewHub;
import io.customerhub.jobs.review.ReviewItem;
import io.customerhub.jobs.review.ReviewItems;
import io.customerhub.jobs.spark.SparkTestBase;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.StewardDecisions;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The console over HTTP on a real hub (Delta tables, the review queue of a real run): sign-in, CSRF
 * and origin checks, and the bad inputs a steward can produce (unknown ids, stale items, double
 * submits, a second steward answering differently). The browser journey is in {@link StewardConsoleBrowserTest}.
 */
class StewardConsoleTest extends SparkTestBase {

    static final String ALICE_PASSWORD = "correct horse battery";

    @Test
    void signInCsrfAndBadInputsGiveClearAnswersAndLoseNothing() throws Exception {
        ReviewHub hub = new ReviewHub(spark(), tempDir.resolve("hub"));
        hub.night("r1", ReviewHub.CRM, ReviewHub.WEB);
        hub.build("r1");
        Path users = tempDir.resolve("stewards.json");
        StewardAccounts.setPassword(users, "alice", ALICE_PASSWORD.toCharArray());
        StewardAccounts.setPassword(users, "carol", "carol's own passphrase".toCharArray());
        try (StewardConsole console = StewardConsole.start(spark(), hub.tables, StewardAccounts.fromFile(users), "127.0.0.1", 0)) {
            Browser alice = new Browser(console.port());
            HttpResponse<String> anonymous = alice.get("/queue");
            assertThat(anonymous.statusCode()).isEqualTo(302);
            assertThat(anonymous.headers().firstValue("Location")).hasValue("/login");
            assertThat(anonymous.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).contains("HttpOnly", "SameSite=Strict"));
            assertThat(alice.get("/health").body()).isEqualTo("ok");

            HttpResponse<String> loginPage = alice.get("/login");
            assertThat(loginPage.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("script-src 'self'"));
            assertThat(alice.post("/login", Map.of("name", "alice", "password", ALICE_PASSWORD), false).statusCode())
                    .as("no CSRF token").isEqualTo(403);
            HttpResponse<String> wrong = alice.post("/login", Map.of("name", "alice", "password", "guess"), true);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("Wrong name or password");
            alice.signIn("alice", ALICE_PASSWORD);
            assertThat(alice.get("/queue").body()).contains("signed in as <b id=\"steward\">alice</b>", "Review queue");

            List<ReviewItem> pairs = hub.queue().stream().filter(ReviewItem::isPair)
                    .sorted(java.util.Comparator.comparingDouble(ReviewItem::priority).reversed()).toList();
            assertThat(pairs).isNotEmpty();
            ReviewItem first = pairs.get(0);
            String decide = "/items/" + first.itemId() + "/decide";

            HttpResponse<String> page = alice.get("/items/" + first.itemId());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains(first.leftKey(), first.rightKey(), "id=\"waterfall\"", "id=\"compare\"");
            assertThat(alice.get("/items/p-000000000000").statusCode()).as("unknown item").isEqualTo(404);
            assertThat(alice.get("/items/p-000000000000").body()).contains("is not in the queue", "fix:");

            assertThat(alice.post(decide, Map.of("answer", "SAME", "reason", "same phone"), false).statusCode()).as("no CSRF token").isEqualTo(403);
            assertThat(alice.postFrom("http://attacker.example", decide, Map.of("answer", "SAME", "reason", "same phone")).statusCode())
                    .as("cross-site form").isEqualTo(403);
            HttpResponse<String> noReason = alice.post(decide, Map.of("answer", "SAME", "reason", " "), true);
            assertThat(noReason.statusCode()).isEqualTo(409);
            assertThat(noReason.body()).contains("no reason given");
            HttpResponse<String> noAnswer = alice.post(decide, Map.of("answer", "MAYBE", "reason", "unsure"), true);
            assertThat(noAnswer.statusCode()).isEqualTo(400);
            assertThat(decisions(hub, first.itemId())).as("refused requests record nothing").isEmpty();

            HttpResponse<String> same = alice.post(decide, Map.of("answer", "SAME", "reason", "same phone in the call notes"), true);
            assertThat(same.statusCode()).isEqualTo(302);
            String next = same.headers().firstValue("Location").orElseThrow();
            assertThat(next).as("the message stays on the server").doesNotContain("?", "Marie");
            assertThat(alice.get(next).body()).contains("id=\"flash\"", "recorded on item " + first.itemId());
            assertThat(alice.get(next).body()).as("shown once").doesNotContain("id=\"flash\"");
            // A link cannot make the console say something of its own.
            String phishing = "Your session expired, sign in again at attacker.example";
            HttpResponse<String> planted = alice.get("/items/" + first.itemId() + "?decided=" + URLEncoder.encode(phishing, StandardCharsets.UTF_8)
                    + "&on=x&already=" + URLEncoder.encode(phishing, StandardCharsets.UTF_8) + "&undone=" + URLEncoder.encode(phishing, StandardCharsets.UTF_8));
            assertThat(planted.statusCode()).isEqualTo(200);
            assertThat(planted.body()).doesNotContain("session expired", "id=\"flash\"");
            assertThat(alice.get("/queue?decided=" + URLEncoder.encode(phishing, StandardCharsets.UTF_8)).body()).doesNotContain("session expired");
            assertThat(alice.get("/golden/" + URLEncoder.encode(phishing, StandardCharsets.UTF_8).replace("+", "%20")).body()).doesNotContain("session expired");
            assertThat(alice.get("/items/" + URLEncoder.encode(phishing, StandardCharsets.UTF_8).replace("+", "%20")).body()).doesNotContain("session expired");
            assertThat(alice.get("/" + URLEncoder.encode(phishing, StandardCharsets.UTF_8).replace("+", "%20")).body()).doesNotContain("session expired");
            HttpResponse<String> twice = alice.post(decide, Map.of("answer", "SAME", "reason", "same phone in the call notes"), true);
            assertThat(twice.headers().firstValue("Location")).as("double submit").hasValue("/items/" + first.itemId());
            assertThat(alice.get("/items/" + first.itemId()).body()).contains("Already decided");
            List<StewardDecisions.Stored> recorded = decisions(hub, first.itemId());
            assertThat(recorded).hasSize(1);
            assertThat(recorded.get(0).steward()).as("attributed to the signed-in steward").isEqualTo("alice");
            assertThat(recorded.get(0).action()).isEqualTo("SAME");

            Browser carol = new Browser(console.port());
            carol.signIn("carol", "carol's own passphrase");
            HttpResponse<String> conflicting = carol.post(decide, Map.of("answer", "DIFFERENT", "reason", "different birth dates"), true);
            assertThat(conflicting.statusCode()).isEqualTo(409);
            assertThat(conflicting.body()).contains("already decided: SAME by alice");
            assertThat(decisions(hub, first.itemId())).hasSize(1);

            HttpResponse<String> tooShort = carol.post("/search", Map.of("q", "x"), true);
            assertThat(tooShort.statusCode()).isEqualTo(400);
            assertThat(tooShort.body()).contains("the search is too short");
            HttpResponse<String> found = carol.post("/search", Map.of("q", "dupont marie"), true);
            assertThat(found.body()).contains("crm/C1", "web/W1").doesNotContain("crm/C2");
            HttpResponse<String> tenWords = carol.post("/search", Map.of("q", "dupont marie du po on nt ma ar ri ie"), true);
            assertThat(tenWords.statusCode()).isEqualTo(200);
            assertThat(tenWords.body()).contains("crm/C1");
            // About 2,000 words pasted in (6 KB): once a StackOverflowError and a 500.
            HttpResponse<String> pasted = carol.post("/search", Map.of("q", "dupont marie paris ".repeat(700)), true);
            assertThat(pasted.statusCode()).isEqualTo(400);
            assertThat(pasted.body()).contains("the search is too long", "at most " + ConsoleData.SEARCH_MAX_WORDS + " words", "fix:");

            HttpResponse<String> undo = alice.post("/decisions/" + recorded.get(0).decisionId() + "/undo", Map.of(), true);
            assertThat(undo.statusCode()).isEqualTo(302);
            assertThat(undo.headers().firstValue("Location")).hasValue("/items/" + first.itemId());
            assertThat(alice.get("/items/" + first.itemId()).body()).contains("undone; the next run no longer honours it");
            assertThat(decisions(hub, first.itemId()).get(0).undoneBy()).isEqualTo("alice");

            // A night changes the item's records while a steward has it open: the answer is refused as stale, nothing is recorded.
            hub.night("r2", ReviewHub.CRM, ReviewHub.WEB_RECASED);
            HttpResponse<String> stale = carol.post(decide, Map.of("answer", "DIFFERENT", "reason", "checked"), true);
            assertThat(stale.statusCode()).isEqualTo(409);
            assertThat(stale.body()).contains("is stale", "r1 -&gt; r2");
            assertThat(carol.get("/items/" + first.itemId()).body()).contains("id=\"stale\"");
            assertThat(decisions(hub, first.itemId())).as("only the undone answer").hasSize(1);

            HttpResponse<String> signOut = alice.post("/logout", Map.of(), true);
            assertThat(signOut.statusCode()).isEqualTo(302);
            assertThat(alice.get("/queue").statusCode()).as("signed out").isEqualTo(302);
        }
    }

    @Test
    void aStrangersFailedSignInsDoNotLockAStewardOutFromAnotherAddress() throws Exception {
        Path users = tempDir.resolve("stewards.json");
        StewardAccounts.setPassword(users, "alice", ALICE_PASSWORD.toCharArray());
        HubTables empty = new HubTables(tempDir.resolve("hub").toString());
        try (StewardConsole console = StewardConsole.start(spark(), empty, StewardAccounts.fromFile(users), "127.0.0.1", 0)) {
            // Another loopback address stands for another machine.
            SignInFrom mallory = new SignInFrom("127.0.0.2", console.port());
            for (int i = 0; i < StewardAccounts.MAX_FAILURES; i++) {
                assertThat(mallory.signIn("alice", "guess " + i)).startsWith("HTTP/1.1 401");
            }
            assertThat(mallory.signIn("alice", ALICE_PASSWORD)).as("locked there, even with the right password")
                    .startsWith("HTTP/1.1 401").contains("Too many failed attempts from this address");
            Browser alice = new Browser(console.port());
            alice.signIn("alice", ALICE_PASSWORD);
        }
    }

    /** Sign-in over a plain socket bound to a chosen local address (java.net.http cannot choose it on Java 17). */
    private record SignInFrom(String localAddress, int port) {
        String signIn(String name, String password) throws IOException {
            String loginPage = exchange("GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            Matcher cookie = Pattern.compile("Set-Cookie: (" + StewardConsole.SESSION_COOKIE + "=[^;]+)").matcher(loginPage);
            Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(loginPage);
            assertThat(cookie.find() && csrf.find()).as("the sign-in page gives a session and a CSRF token").isTrue();
            String form = "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                    + "&csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
            return exchange("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: " + cookie.group(1)
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n\r\n" + form);
        }

        private String exchange(String request) throws IOException {
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress(localAddress, 0));
                socket.connect(new InetSocketAddress("127.0.0.1", port));
                socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private List<StewardDecisions.Stored> decisions(ReviewHub hub, String itemId) {
        return new ReviewDesk(spark(), hub.tables).history(itemId);
    }

    /** A cookie-keeping HTTP client that reads the CSRF token from each page, as a browser's forms would carry it. */
    static final class Browser {
        private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        private final String base;
        private String csrf;

        Browser(int port) {
            this.base = "http://127.0.0.1:" + port;
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return r;
        }

        HttpResponse<String> post(String path, Map<String, String> form, boolean withCsrf) throws IOException, InterruptedException {
            return send(path, form, withCsrf, null);
        }

        HttpResponse<String> postFrom(String origin, String path, Map<String, String> form) throws IOException, InterruptedException {
            return send(path, form, true, origin);
        }

        void signIn(String name, String password) throws IOException, InterruptedException {
            get("/login");
            HttpResponse<String> r = post("/login", Map.of("name", name, "password", password), true);
            assertThat(r.statusCode()).as("sign-in of " + name).isEqualTo(302);
            get("/queue");
        }

        private HttpResponse<String> send(String path, Map<String, String> form, boolean withCsrf, String origin)
                throws IOException, InterruptedException {
            Map<String, String> fields = new LinkedHashMap<>(form);
            if (withCsrf) {
                fields.put("csrf", csrf);
            }
            String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (origin != null) {
                request.header("Origin", origin);
            }
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return r;
        }
    }

    static boolean isOpen(ReviewItem item) {
        return ReviewItems.OPEN.equals(item.status());
    }
}
