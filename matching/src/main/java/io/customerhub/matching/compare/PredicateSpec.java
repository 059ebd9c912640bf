package io.customerhub.matching.compare;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A predicate as data, as written in settings JSON, e.g.
 * {@code {"predicate":"jaro_winkler","field":"family_name","min":0.92}}. Compiled once into a
 * {@link RecordPredicate} by {@link PredicateLibrary#compile}.
 *
 * @param name   predicate name, one of {@link PredicateLibrary#names()}
 * @param fields column names of {@link RecordField}s it reads (may be empty)
 * @param params numeric parameters (e.g. "min", "n", "max")
 * @param of     sub-predicates, for "all_of" only (empty otherwise)
 */
public record PredicateSpec(String name, List<String> fields, Map<String, Double> params, List<PredicateSpec> of) {

    public PredicateSpec {
        fields = fields == null ? List.of() : List.copyOf(fields);
        params = params == null ? Map.of() : Map.copyOf(params);
        of = of == null ? List.of() : List.copyOf(of);
    }

    public static PredicateSpec of(String name, String... fields) {
        return new PredicateSpec(name, List.of(fields), Map.of(), List.of());
    }

    public PredicateSpec with(String param, double value) {
        HashMap<String, Double> p = new HashMap<>(params);
        p.put(param, value);
        return new PredicateSpec(name, fields, p, of);
    }

    public static PredicateSpec allOf(PredicateSpec... parts) {
        return new PredicateSpec("all_of", List.of(), Map.of(), List.of(parts));
    }
}
