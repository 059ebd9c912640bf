package io.customerhub.jobs.cli;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.spark.HubSpark;
import io.customerhub.jobs.steward.StewardAccounts;
import io.customerhub.jobs.steward.StewardConsole;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "steward", mixinStandardHelpOptions = true,
        description = {"Start the steward console: the review queue in a browser, decisions attributed to the signed-in steward.",
                "Sign-in: stewards of a users file (hashed passwords; `hub steward add-user`), or one steward with a token printed at start."},
        subcommands = StewardCommand.AddUser.class)
public final class StewardCommand extends HubCommand {

    @Mixin
    HubOptions hub;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only; anything else belongs behind an HTTPS proxy).")
    String bind;

    @Option(names = "--port", defaultValue = "8470", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    SignIn signIn;

    static final class SignIn {
        @Option(names = "--users", paramLabel = "FILE", description = "Users file of stewards and password hashes.")
        Path users;

        @Option(names = "--token-user", paramLabel = "NAME",
                description = "One steward, who signs in with a random token printed at start (for a steward on their own machine).")
        String tokenUser;
    }

    @Override
    protected int run() {
        if (signIn == null) {
            throw HubException.of("no way to sign in was given", "the console shows customer data, so every steward signs in",
                    "pass --users FILE (create it with `hub steward add-user NAME --users FILE`) or --token-user NAME");
        }
        StewardAccounts accounts = signIn.users != null ? StewardAccounts.fromFile(signIn.users) : StewardAccounts.withToken(signIn.tokenUser);
        StewardConsole console = StewardConsole.start(HubSpark.session("hub-steward"), hub.tables(), accounts, bind, port);
        String where = "http://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + console.port() + "/";
        System.out.println("steward console on " + where + " for hub " + hub.tables().root() + " (" + accounts.size() + " steward(s)); Ctrl-C stops it");
        accounts.token().ifPresent(token -> System.out.println("sign in as " + signIn.tokenUser + " with token " + token));
        if (!"127.0.0.1".equals(bind) && !"localhost".equals(bind) && !"::1".equals(bind)) {
            System.out.println("warning: listening beyond this machine; serve it through an HTTPS proxy so passwords and customer data are encrypted");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return EXIT_OK;
    }

    @Command(name = "add-user", mixinStandardHelpOptions = true,
            description = {"Add a steward to a users file, or change their password (asked twice on a terminal, else read from standard input).",
                    "Only a salted PBKDF2 hash is stored."})
    static final class AddUser extends HubCommand {
        @Parameters(paramLabel = "NAME", description = "Steward name, kept with every decision they make.")
        String name;

        @Option(names = "--users", required = true, paramLabel = "FILE", description = "Users file (created when missing).")
        Path users;

        @Override
        protected int run() {
            char[] password = readPassword();
            try {
                StewardAccounts.setPassword(users, name, password);
            } finally {
                Arrays.fill(password, '\0');
            }
            System.out.println("steward " + name + " can sign in; users file " + users);
            return EXIT_OK;
        }

        private static char[] readPassword() {
            Console console = System.console();
            if (console != null) {
                char[] first = console.readPassword("password: ");
                char[] second = console.readPassword("again: ");
                if (first == null || !Arrays.equals(first, second)) {
                    throw HubException.of("the passwords differ", "the two entries must be the same", "run the command again");
                }
                return first;
            }
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw HubException.of("no password on standard input", "without a terminal the password is read as one line from stdin",
                            "pipe it in, e.g. `printf '%s\\n' \"$PW\" | hub steward add-user NAME --users FILE`");
                }
                return line.toCharArray();
            } catch (IOException e) {
                throw HubException.of("cannot read the password", e.getMessage(), "pipe it on standard input", e);
            }
        }
    }
}
