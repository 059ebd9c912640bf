package io.customerhub.jobs.contract;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.customerhub.jobs.HubException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads source contracts (JSON) from a file or a directory of {@code *.json}, on local disk or any
 * Hadoop file system, validates them, and resolves each extract path against the contract's folder.
 */
public final class ContractLoader {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ContractLoader() {
    }

    /** A validated contract and where its extract lies. */
    public record LoadedContract(SourceContract contract, String contractFile, String extractPath) {
    }

    public static ObjectMapper json() {
        return JSON;
    }

    /** Loads every contract in a directory (or the one file given), refusing duplicate names. */
    public static List<LoadedContract> loadAll(String location, Configuration hadoopConf) {
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem(hadoopConf);
            if (!fs.exists(path)) {
                throw HubException.of("no source contracts at " + location, "the path does not exist",
                        "pass --contracts with a directory of *.json contracts (see schemas/sources for examples)");
            }
            List<Path> files = new ArrayList<>();
            if (fs.getFileStatus(path).isDirectory()) {
                Arrays.stream(fs.listStatus(path, p -> p.getName().endsWith(".json")))
                        .map(FileStatus::getPath)
                        .sorted(Comparator.comparing(Path::getName))
                        .forEach(files::add);
            } else {
                files.add(path);
            }
            if (files.isEmpty()) {
                throw HubException.of("no source contracts in " + location, "the directory has no *.json file",
                        "add one contract per source, e.g. copy schemas/src/main/resources/schemas/sources/branch_crm.json");
            }
            List<LoadedContract> loaded = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (Path file : files) {
                LoadedContract contract = load(fs, file);
                if (!names.add(contract.contract().name())) {
                    throw HubException.of("two contracts name the source '" + contract.contract().name() + "'",
                            "source names must be unique, they name the bronze tables",
                            "rename one of them (" + file + ")");
                }
                loaded.add(contract);
            }
            return List.copyOf(loaded);
        } catch (IOException e) {
            throw HubException.of("cannot read source contracts at " + location, e.getMessage(),
                    "check the path and the credentials of its file system", e);
        }
    }

    public static LoadedContract load(String file, Configuration hadoopConf) {
        Path path = new Path(file);
        try {
            return load(path.getFileSystem(hadoopConf), path);
        } catch (IOException e) {
            throw HubException.of("cannot read contract " + file, e.getMessage(), "check the path", e);
        }
    }

    private static LoadedContract load(FileSystem fs, Path file) throws IOException {
        String text;
        try (InputStream in = fs.open(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        SourceContract contract = parse(text, file.toString());
        List<ContractProblem> problems = ContractValidator.validate(contract);
        if (!problems.isEmpty()) {
            throw HubException.of("contract " + file + " is invalid (" + problems.size() + " problem"
                            + (problems.size() == 1 ? "" : "s") + ")",
                    problems.stream().map(ContractProblem::toString).collect(Collectors.joining("\n    ", "\n    ", "")),
                    "correct the contract; its JSON schema is schemas/source-contract.schema.json");
        }
        Path extract = new Path(contract.path());
        Path resolved = extract.isAbsoluteAndSchemeAuthorityNull() || extract.toUri().getScheme() != null
                ? extract : new Path(file.getParent(), contract.path());
        return new LoadedContract(contract, file.toString(), resolved.toString());
    }

    /** Parses contract JSON; errors name the key or position and the fix. */
    public static SourceContract parse(String json, String origin) {
        try {
            return JSON.readValue(json, SourceContract.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : " (known keys: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")";
            throw HubException.of("contract " + origin + ": unknown key '" + e.getPropertyName() + "' at "
                            + e.getPathReference().replaceAll("io\\.customerhub\\.jobs\\.contract\\.", ""),
                    "the contract schema has no such key" + known, "remove the key or correct its spelling");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw HubException.of("contract " + origin + " cannot be parsed" + where, e.getOriginalMessage(),
                    "fix the JSON (a missing comma or quote, or a value of the wrong type)");
        }
    }
}
