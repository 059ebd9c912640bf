package io.customerhub.jobs.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One source column mapped to one canonical field, with the parser settings the field's kind needs.
 *
 * @param column       column name in the extract (CSV header, JSON key, Parquet column)
 * @param target       canonical field name, see {@link io.customerhub.matching.record.CanonicalField}
 * @param required     rows where the value is blank are quarantined
 * @param trim         strip surrounding white space (default true)
 * @param datePatterns date and timestamp fields: java.time patterns tried in order
 * @param phoneRegion  phone fields: ISO region for numbers without a country code
 * @param trueValues   boolean fields: values meaning true (case-insensitive)
 * @param falseValues  boolean fields: values meaning false (case-insensitive)
 * @param refersTo     customer_number only: the source system that issued the id
 * @param onInvalid    "quarantine" (default): a value the field's parser rejects quarantines the row;
 *                     "blank": the value is left blank, the row accepted and the run warned
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldMapping(
        String column,
        String target,
        Boolean required,
        Boolean trim,
        List<String> datePatterns,
        String phoneRegion,
        List<String> trueValues,
        List<String> falseValues,
        String refersTo,
        String onInvalid) implements java.io.Serializable {

    public static final List<String> DEFAULT_TRUE_VALUES =
            List.of("true", "1", "y", "yes", "o", "oui", "opt-in", "optin", "t");
    public static final List<String> DEFAULT_FALSE_VALUES =
            List.of("false", "0", "n", "no", "non", "opt-out", "optout", "f");

    public boolean isRequired() {
        return Boolean.TRUE.equals(required);
    }

    public boolean isTrimmed() {
        return !Boolean.FALSE.equals(trim);
    }

    public boolean blanksInvalidValues() {
        return "blank".equals(onInvalid);
    }

    public List<String> effectiveTrueValues() {
        return trueValues == null || trueValues.isEmpty() ? DEFAULT_TRUE_VALUES : trueValues;
    }

    public List<String> effectiveFalseValues() {
        return falseValues == null || falseValues.isEmpty() ? DEFAULT_FALSE_VALUES : falseValues;
    }
}
