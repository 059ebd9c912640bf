package io.customerhub.jobs.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A silo's source contract: how its extract is read and which of its columns enter the hub. Loaded
 * from JSON by {@link ContractLoader}; checked by {@link ContractValidator}. The JSON schema is
 * {@code schemas/source-contract.schema.json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceContract(
        String name,
        String description,
        String format,
        String path,
        String encoding,
        CsvOptions csv,
        Map<String, String> jdbc,
        String idColumn,
        ExtractOptions extract,
        String defaultPhoneRegion,
        Double maxRejectRate,
        String unexpectedColumns,
        List<FieldMapping> fields,
        Map<String, Double> trust) implements java.io.Serializable {

    public SourceContract {
        fields = fields == null ? List.of() : List.copyOf(fields);
        trust = trust == null ? Map.of() : Map.copyOf(trust);
    }

    @JsonIgnore
    public Charset charset() {
        return Charset.forName(encoding == null ? "UTF-8" : encoding);
    }

    @JsonIgnore
    public CsvOptions csvOptions() {
        return csv == null ? CsvOptions.DEFAULTS : csv;
    }

    @JsonIgnore
    public ExtractOptions extractOptions() {
        return extract == null ? ExtractOptions.FULL : extract;
    }

    @JsonIgnore
    public String phoneRegion() {
        return defaultPhoneRegion == null ? "FR" : defaultPhoneRegion;
    }

    @JsonIgnore
    public boolean quarantinesUnexpectedColumns() {
        return "quarantine".equals(unexpectedColumns);
    }

    /** The mapping whose target is this canonical field, if the contract maps one. */
    public Optional<FieldMapping> mappingFor(String target) {
        return fields.stream().filter(f -> target.equals(f.target())).findFirst();
    }

    /** Trust of this source for a canonical field: the field's own, else '*', else 0.5. */
    public double trustFor(String target) {
        Double own = trust.get(target);
        if (own != null) {
            return own;
        }
        return trust.getOrDefault("*", 0.5);
    }
}
