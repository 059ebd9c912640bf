package io.customerhub.jobs.ingest;

import io.customerhub.jobs.HubException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** Lists the data files an extract path (file, directory or glob) stands for. */
final class ExtractFiles {

    private ExtractFiles() {
    }

    static List<String> list(String source, String extractPath, Configuration conf) {
        Path pattern = new Path(extractPath);
        List<String> files = new ArrayList<>();
        try {
            FileSystem fs = pattern.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(pattern);
            if (matches != null) {
                for (FileStatus match : matches) {
                    if (match.isDirectory()) {
                        RemoteIterator<LocatedFileStatus> inside = fs.listFiles(match.getPath(), true);
                        while (inside.hasNext()) {
                            Path file = inside.next().getPath();
                            if (isDataFile(file)) {
                                files.add(file.toString());
                            }
                        }
                    } else if (isDataFile(match.getPath())) {
                        files.add(match.getPath().toString());
                    }
                }
            }
        } catch (IOException e) {
            throw HubException.of("cannot list the extract of source '" + source + "' at " + extractPath, e.getMessage(),
                    "check the path in the contract and the file system's credentials", e);
        }
        if (files.isEmpty()) {
            throw HubException.of("source '" + source + "': no extract file at " + extractPath,
                    "the contract's path matches no file",
                    "deliver the extract there, or correct 'path' in the contract (relative paths start at the contract's folder)");
        }
        files.sort(null);
        return List.copyOf(files);
    }

    private static boolean isDataFile(Path file) {
        String name = file.getName();
        return !name.startsWith("_") && !name.startsWith(".");
    }
}
