package io.customerhub.jobs.generate;

import java.io.Closeable;
import java.io.IOException;

/** Writes one silo's rows in that silo's own format. */
interface SiloWriter extends Closeable {

    /**
     * @param breakage how to break this row (the kinds that live in the format or in a field), or null
     */
    void write(SiloRecord record, BadRowKind breakage) throws IOException;
}
