package io.customerhub.matching.compare;

import java.util.List;

/**
 * Strong identifiers written "namespace:value". Equal namespace and value means the same customer;
 * equal namespace with different values means two customers (the issuing system keeps one number
 * per customer). Values without a namespace are ignored: they cannot be trusted across sources.
 */
public final class Identifiers {

    private Identifiers() {
    }

    public static boolean shared(List<String> a, List<String> b) {
        for (String x : a) {
            if (namespaceEnd(x) > 0 && b.contains(x)) {
                return true;
            }
        }
        return false;
    }

    public static boolean conflicting(List<String> a, List<String> b) {
        for (String x : a) {
            int nx = namespaceEnd(x);
            if (nx <= 0) {
                continue;
            }
            boolean sameNamespaceSeen = false;
            boolean sameValueSeen = false;
            for (String y : b) {
                if (namespaceEnd(y) == nx && x.regionMatches(0, y, 0, nx)) {
                    sameNamespaceSeen = true;
                    sameValueSeen |= x.equals(y);
                }
            }
            if (sameNamespaceSeen && !sameValueSeen) {
                return true;
            }
        }
        return false;
    }

    private static int namespaceEnd(String id) {
        return id == null ? -1 : id.indexOf(':');
    }
}
