package io.customerhub.jobs.review;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.customerhub.matching.model.Waterfall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The explanations stored with review items, as JSON: a pair's waterfall (labels and numbers only) or a cluster's signals. */
public final class Explanations {

    /** Null levels carry NaN m/u: written as "NaN" strings and read back. */
    static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private Explanations() {
    }

    public static Waterfall waterfall(String json) {
        try {
            return MAPPER.readValue(json, Waterfall.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored waterfall is not readable JSON", e);
        }
    }

    public static Map<String, Object> clusterSignals(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("stored cluster signals are not readable JSON", e);
        }
    }
}
