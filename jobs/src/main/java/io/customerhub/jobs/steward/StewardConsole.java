package io.customerhub.jobs.steward;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.review.Explanations;
import io.customerhub.jobs.review.ReviewDesk;
import io.customerhub.jobs.review.ReviewItem;
import io.customerhub.jobs.review.ReviewItems;
import io.customerhub.jobs.steward.ConsoleData.RecordView;
import io.customerhub.jobs.steward.ConsolePages.Viewer;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.StewardDecisions;
import io.customerhub.matching.model.Waterfall;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * The steward console: a small web app (Javalin on Jetty 11) over the hub's review queue. Every page
 * needs a signed-in steward; every state change is a POST carrying the session's CSRF token (and,
 * when the browser sends one, a same-origin Origin header). Decisions go through {@link ReviewDesk}
 * under the signed-in steward's name, exactly as `hub review decide` records them.
 */
public final class StewardConsole implements AutoCloseable {

    static final String SESSION_COOKIE = "hub_session";
    private static final Set<String> PUBLIC = Set.of("/login", "/assets/console.css", "/assets/console.js", "/health");
    private static final System.Logger LOG = System.getLogger(StewardConsole.class.getName());

    private final Javalin app;
    private final ConsoleData data;
    private final StewardAccounts accounts;
    private final ConsoleSessions sessions = new ConsoleSessions(Clock.systemUTC());
    private final String css = asset("console.css");
    private final String js = asset("console.js");

    private StewardConsole(SparkSession spark, HubTables tables, StewardAccounts accounts) {
        this.data = new ConsoleData(spark, tables);
        this.accounts = accounts;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = 64 * 1024;
        });
        routes();
    }

    /** Starts the console on host:port (port 0 picks a free one). */
    public static StewardConsole start(SparkSession spark, HubTables tables, StewardAccounts accounts, String host, int port) {
        StewardConsole console = new StewardConsole(spark, tables, accounts);
        try {
            console.app.start(host, port);
        } catch (RuntimeException e) {
            throw HubException.of("the steward console cannot listen on " + host + ":" + port, String.valueOf(e.getMessage()),
                    "pick another --port, or stop what already uses this one", e);
        }
        return console;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private void routes() {
        app.before(this::guard);
        app.get("/health", ctx -> ctx.result("ok"));
        app.get("/assets/console.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(css));
        app.get("/assets/console.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(js));
        app.get("/login", ctx -> ctx.html(ConsolePages.login(session(ctx).csrfToken(), null, accounts.token().isPresent())));
        app.post("/login", this::signIn);
        app.post("/logout", ctx -> {
            sessions.signOut(ctx.cookie(SESSION_COOKIE));
            ctx.header("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
            ctx.redirect("/login");
        });
        app.get("/", ctx -> ctx.redirect("/queue"));
        app.get("/queue", this::queue);
        app.get("/items/{id}", ctx -> item(ctx, ctx.pathParam("id"), takeFlash(ctx), null, 200));
        app.get("/items/{id}/next", ctx -> ctx.redirect(data.nextOpen(ctx.pathParam("id")).map(StewardConsole::itemPath).orElse("/queue")));
        app.post("/items/{id}/decide", this::decide);
        app.post("/decisions/{id}/undo", this::undo);
        app.get("/search", ctx -> ctx.html(ConsolePages.search(viewer(ctx), null, List.of(), null)));
        app.post("/search", this::search);
        app.get("/golden/{id}", ctx -> {
            var golden = data.golden(ctx.pathParam("id"));
            if (golden.isEmpty()) {
                // The id is not repeated: a page must not show text that a link wrote (see takeFlash).
                ctx.status(404).html(ConsolePages.error(viewer(ctx), 404, "no such golden record"
                        + "\n  cause: the id is unknown to the hub (or the person was erased)\n  fix:   search for the customer instead"));
            } else {
                ctx.html(ConsolePages.golden(viewer(ctx), golden.get()));
            }
        });
        app.exception(HubException.class, (e, ctx) -> ctx.status(409).html(ConsolePages.error(viewerOrNull(ctx), 409, e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            // The class only: messages of Spark/Delta failures can quote data.
            LOG.log(System.Logger.Level.ERROR, "steward console request failed: " + e.getClass().getName());
            ctx.status(500).html(ConsolePages.error(viewerOrNull(ctx), 500, "the console failed on this request (" + e.getClass().getSimpleName()
                    + ")\n  cause: see the console's log\n  fix:   try again; if it persists, run the matching `hub review` command to see its message"));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                ctx.html(ConsolePages.error(viewerOrNull(ctx), 404, "no such page\n  cause: the address is not one of the console's\n  fix:   start from the queue"));
            }
        });
    }

    /** Security headers everywhere; sign-in required off the public paths; CSRF and origin checks on every POST. */
    private void guard(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; "
                + "frame-ancestors 'none'; base-uri 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        if (PUBLIC.contains(ctx.path()) && !ctx.path().equals("/login")) {
            return;
        }
        ConsoleSessions.Session session = session(ctx);
        if ("POST".equals(ctx.method().name())) {
            String origin = ctx.header("Origin");
            if (origin != null && !origin.equals("null") && !origin.equals(ctx.scheme() + "://" + ctx.host())) {
                refuse(ctx, "the request came from another site (" + origin + ")");
                return;
            }
            if (!PasswordHash.sameSecret(ctx.formParam("csrf"), session.csrfToken())) {
                refuse(ctx, "the form's security token is missing or out of date (the console restarted, or you signed in again elsewhere)");
                return;
            }
        }
        if (!PUBLIC.contains(ctx.path()) && !session.signedIn()) {
            if ("GET".equals(ctx.method().name())) {
                ctx.redirect("/login");
            } else {
                ctx.status(403).html(ConsolePages.error(null, 403, "not signed in\n  cause: the session ended\n  fix:   sign in again"));
            }
            ctx.skipRemainingHandlers();
        }
    }

    private void refuse(Context ctx, String cause) {
        ctx.status(403).html(ConsolePages.error(viewerOrNull(ctx), 403, "request refused\n  cause: " + cause
                + "\n  fix:   reload the page and submit again"));
        ctx.skipRemainingHandlers();
    }

    /** The request's session, a new anonymous one (with its cookie) when it has none. */
    private ConsoleSessions.Session session(Context ctx) {
        ConsoleSessions.Session known = ctx.attribute("hub.session");
        if (known != null) {
            return known;
        }
        ConsoleSessions.Session s = sessions.find(ctx.cookie(SESSION_COOKIE)).orElseGet(() -> {
            ConsoleSessions.Session fresh = sessions.anonymous();
            setCookie(ctx, fresh);
            return fresh;
        });
        ctx.attribute("hub.session", s);
        return s;
    }

    private static void setCookie(Context ctx, ConsoleSessions.Session s) {
        boolean https = "https".equals(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        ctx.header("Set-Cookie", SESSION_COOKIE + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Strict" + (https ? "; Secure" : ""));
    }

    private Viewer viewer(Context ctx) {
        ConsoleSessions.Session s = session(ctx);
        return new Viewer(s.steward(), s.csrfToken());
    }

    private Viewer viewerOrNull(Context ctx) {
        ConsoleSessions.Session s = session(ctx);
        return s.signedIn() ? new Viewer(s.steward(), s.csrfToken()) : null;
    }

    private void signIn(Context ctx) {
        String name = ctx.formParam("name");
        String source = StewardAccounts.sourceOf(ctx.ip());
        Optional<String> steward = accounts.signIn(name, ctx.formParam("password"), source);
        if (steward.isEmpty()) {
            String error = name != null && accounts.locked(name, source) ? "Too many failed attempts from this address; wait a minute and try again."
                    : "Wrong name or password.";
            ctx.status(401).html(ConsolePages.login(session(ctx).csrfToken(), error, accounts.token().isPresent()));
            return;
        }
        ConsoleSessions.Session fresh = sessions.signIn(ctx.cookie(SESSION_COOKIE), steward.get());
        setCookie(ctx, fresh);
        LOG.log(System.Logger.Level.INFO, "steward signed in: " + steward.get());
        ctx.redirect("/queue");
    }

    private void queue(Context ctx) {
        if (!data.hasQueue()) {
            ctx.html(ConsolePages.error(viewer(ctx), 200, "there is no review queue under " + data.tables().root()
                    + "\n  cause: the review step has not run on this hub yet\n  fix:   run `hub review build` (the nightly run does it after cluster)"));
            return;
        }
        String kind = oneOf(ctx.queryParam("kind"), List.of(ReviewItems.PAIR, ReviewItems.CLUSTER), null);
        String status = oneOf(ctx.queryParam("status"), List.of(ReviewItems.OPEN, ReviewItems.DECIDED, "all"), ReviewItems.OPEN);
        String sort = oneOf(ctx.queryParam("sort"), List.of("priority", "probability", "run"), "priority");
        int offset = parseOffset(ctx.queryParam("offset"));
        List<ReviewItem> items = data.queue(kind, "all".equals(status) ? null : status, sort, offset);
        ctx.html(ConsolePages.queue(viewer(ctx), items, data.queueCounts(), kind, status, sort, offset, takeFlash(ctx)));
    }

    private void item(Context ctx, String itemId, String flash, String error, int status) {
        ReviewItem item;
        try {
            item = data.item(itemId);
        } catch (HubException e) {
            ctx.status(404).html(ConsolePages.error(viewer(ctx), 404, "this review item is not in the queue"
                    + "\n  cause: an item leaves the queue when its pair or cluster no longer needs review (or the id is mistyped)"
                    + "\n  fix:   go back to the queue"));
            return;
        }
        Set<String> keys = new LinkedHashSet<>(item.recordKeys());
        Map<String, RecordView> records = data.records(keys);
        List<String> goldenIds = new ArrayList<>();
        if (item.isPair()) {
            records.values().forEach(r -> goldenIds.add(r.goldenId()));
        } else {
            goldenIds.add(item.goldenId());
        }
        Waterfall waterfall = item.isPair() && item.explanation() != null ? Explanations.waterfall(item.explanation()) : null;
        Map<String, Object> signals = !item.isPair() && item.explanation() != null ? Explanations.clusterSignals(item.explanation()) : Map.of();
        ctx.status(status).html(ConsolePages.item(viewer(ctx), item, records, data.clusters(goldenIds), data.changes(item),
                data.decisions(itemId), waterfall, signals, flash, error));
    }

    private void decide(Context ctx) {
        String itemId = ctx.pathParam("id");
        String steward = session(ctx).steward();
        String remove = ctx.formParam("remove");
        ReviewDesk.Answer answer;
        if (remove != null) {
            answer = ReviewDesk.Answer.REMOVE_RECORD;
        } else {
            String given = ctx.formParam("answer");
            answer = "SAME".equals(given) ? ReviewDesk.Answer.SAME : "DIFFERENT".equals(given) ? ReviewDesk.Answer.DIFFERENT : null;
        }
        if (answer == null) {
            item(ctx, itemId, null, "no answer given\n  cause: the form carried no known answer\n  fix:   press one of the decision buttons", 400);
            return;
        }
        StewardDecisions.Recorded recorded;
        try {
            recorded = data.decide(itemId, answer, remove, steward, ctx.formParam("reason"));
        } catch (HubException e) {
            item(ctx, itemId, null, e.getMessage(), 409);
            return;
        }
        StewardDecisions.Stored d = recorded.decision();
        if (recorded.duplicate()) {
            redirectWithFlash(ctx, itemPath(itemId), "Already decided (decision " + d.decisionId() + "); nothing was added.");
            return;
        }
        LOG.log(System.Logger.Level.INFO, "steward " + steward + " recorded decision " + d.decisionId() + " on item " + itemId);
        String next = data.nextOpen(itemId).map(StewardConsole::itemPath).orElse("/queue");
        redirectWithFlash(ctx, next, "Decision " + d.decisionId() + " recorded on item " + itemId + "; the next run honours it.");
    }

    private void undo(Context ctx) {
        String decisionId = ctx.pathParam("id");
        StewardDecisions.Stored before = data.undo(decisionId, session(ctx).steward());
        String back = before.itemId() == null ? "/queue" : itemPath(before.itemId());
        redirectWithFlash(ctx, back, "Decision " + decisionId + " undone; the next run no longer honours it.");
    }

    private void search(Context ctx) {
        String query = ctx.formParam("q");
        try {
            ctx.html(ConsolePages.search(viewer(ctx), query, data.search(query), null));
        } catch (HubException e) {
            ctx.status(400).html(ConsolePages.search(viewer(ctx), query, List.of(), e.getMessage()));
        }
    }

    /**
     * Redirects with a message for the next page, kept in the session: ids only, never customer values.
     * Never in the URL, where a link could put a sentence of its own ("your session expired, ...").
     */
    private void redirectWithFlash(Context ctx, String location, String message) {
        sessions.flash(session(ctx).id(), message);
        ctx.redirect(location);
    }

    private String takeFlash(Context ctx) {
        return sessions.takeFlash(session(ctx).id());
    }

    private static String itemPath(String itemId) {
        return "/items/" + url(itemId);
    }

    private static String url(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String oneOf(String given, List<String> allowed, String fallback) {
        return given != null && allowed.contains(given.toLowerCase(Locale.ROOT)) ? given.toLowerCase(Locale.ROOT) : fallback;
    }

    private static int parseOffset(String text) {
        try {
            return text == null ? 0 : Math.max(0, Math.min(1_000_000, Integer.parseInt(text)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String asset(String name) {
        try (InputStream in = StewardConsole.class.getResourceAsStream("/steward/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the console asset /steward/" + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the console asset " + name, e);
        }
    }
}
