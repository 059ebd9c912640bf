package io.customerhub.matching.blocking;

import io.customerhub.matching.compare.RecordField;
import io.customerhub.matching.record.StandardizedRecord;
import io.customerhub.matching.standardize.NormalizedEmail;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One part of a blocking key: a field (or several, any of which may supply the value: phone and
 * mobile phone) and a transform.
 *
 * @param fields    column names of {@link RecordField}s; more than one means "any of" (one key each)
 * @param transform one of {@link #TRANSFORMS}
 * @param n         length for "first" and "last", else 0
 */
public record KeyPart(List<String> fields, String transform, int n) {

    /**
     * value: whole value; first: first n chars; last: last n chars; year: year of a date; month_day:
     * "MM-dd" of a full date (survives a typo in the year); email_local: part before '@', if long
     * enough to identify someone (not initials); sorted: the values of all listed fields, sorted and
     * joined with '+' (one key, none if a field is missing: it survives the fields being swapped).
     */
    public static final List<String> TRANSFORMS = List.of("value", "first", "last", "year", "month_day", "email_local", "sorted");

    public KeyPart {
        fields = fields == null ? List.of() : List.copyOf(fields);
        transform = transform == null ? "value" : transform;
    }

    public static KeyPart value(String field) {
        return new KeyPart(List.of(field), "value", 0);
    }

    public static KeyPart first(String field, int n) {
        return new KeyPart(List.of(field), "first", n);
    }

    public static KeyPart last(String field, int n) {
        return new KeyPart(List.of(field), "last", n);
    }

    public static KeyPart year(String field) {
        return new KeyPart(List.of(field), "year", 0);
    }

    public static KeyPart monthDay(String field) {
        return new KeyPart(List.of(field), "month_day", 0);
    }

    public static KeyPart emailLocal(String field) {
        return new KeyPart(List.of(field), "email_local", 0);
    }

    public static KeyPart anyOf(String transform, int n, String... fields) {
        return new KeyPart(List.of(fields), transform, n);
    }

    /** One key from all the fields' values in sorted order: given/family name swaps share it. */
    public static KeyPart sorted(String... fields) {
        return new KeyPart(List.of(fields), "sorted", 0);
    }

    boolean isMultiValued() {
        return (fields.size() > 1 && !transform.equals("sorted")) || hasMultiValuedField();
    }

    private boolean hasMultiValuedField() {
        return fields.stream().anyMatch(f -> RecordField.byColumnName(f).map(RecordField::isMultiValued).orElse(false));
    }

    /** Problems with this part; empty when valid. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (fields.isEmpty()) {
            problems.add("a key part needs \"field\"; use one of " + RecordField.columnNames());
        }
        for (String f : fields) {
            if (RecordField.byColumnName(f).isEmpty()) {
                problems.add("unknown field '" + f + "'; use one of " + RecordField.columnNames());
            }
        }
        if (!TRANSFORMS.contains(transform)) {
            problems.add("unknown transform '" + transform + "'; use one of " + TRANSFORMS);
        } else if ((transform.equals("first") || transform.equals("last")) && n < 1) {
            problems.add("transform '" + transform + "' needs \"n\" >= 1, found " + n + "; set the number of characters");
        } else if (transform.equals("sorted") && hasMultiValuedField()) {
            problems.add("transform 'sorted' combines single values; remove the multi-valued field from \"fields\"");
        }
        return problems;
    }

    /** Adds this part's values (transformed, non-null) for the record; none when missing or too short. */
    void values(StandardizedRecord r, List<String> out) {
        if (transform.equals("sorted")) {
            String[] all = new String[fields.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = RecordField.byColumnName(fields.get(i)).orElseThrow().get(r);
                if (all[i] == null || all[i].isEmpty()) {
                    return;
                }
            }
            Arrays.sort(all);
            out.add(String.join("+", all));
            return;
        }
        for (String name : fields) {
            RecordField f = RecordField.byColumnName(name).orElseThrow();
            if (f.isMultiValued()) {
                for (String v : r.customerNumbers()) {
                    addTransformed(v, out);
                }
            } else {
                addTransformed(f.get(r), out);
            }
        }
    }

    private void addTransformed(String v, List<String> out) {
        if (v == null || v.isEmpty()) {
            return;
        }
        String t = switch (transform) {
            case "first" -> v.length() >= n ? v.substring(0, n) : v;
            case "last" -> v.length() >= n ? v.substring(v.length() - n) : null;
            case "year" -> v.length() >= 4 ? v.substring(0, 4) : null;
            case "month_day" -> v.length() == 10 ? v.substring(5) : null;
            case "email_local" -> emailLocalPart(v);
            default -> v;
        };
        if (t != null && !out.contains(t)) {
            out.add(t);
        }
    }

    /** The part before '@', or null without one or when it is only initials. */
    private static String emailLocalPart(String address) {
        int at = address.indexOf('@');
        return at > 0 && NormalizedEmail.identifyingLocalPart(address, at) ? address.substring(0, at) : null;
    }
}
