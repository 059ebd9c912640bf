package io.customerhub.jobs.ingest;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** An iterator over records read one ahead: subclasses say how to read the next one (null at the end). */
abstract class LookaheadIterator<T> implements Iterator<T> {

    private T next;

    /** The next record, or null when there is none. */
    protected abstract T readNext();

    @Override
    public final boolean hasNext() {
        if (next == null) {
            next = readNext();
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T record = next;
        next = null;
        return record;
    }
}
