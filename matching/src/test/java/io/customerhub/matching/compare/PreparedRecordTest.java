package io.customerhub.matching.compare;

import static io.customerhub.matching.compare.TestRecords.person;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreparedRecordTest {

    @Test
    void holdsFieldValuesWithBlanksAsMissingAndTheParsedBirthDate() {
        PreparedRecord r = PreparedRecord.of(person("JEAN", "", "1980-02-13").email("j@d.fr").build());
        assertThat(r.get(RecordField.GIVEN_NAME)).isEqualTo("JEAN");
        assertThat(r.get(RecordField.FAMILY_NAME)).as("blank is missing").isNull();
        assertThat(r.get(RecordField.EMAIL)).isEqualTo("j@d.fr");
        assertThat(r.packedDateOfBirth()).isEqualTo(19800213);
        assertThat(PreparedRecord.of(person("A", "B", null).build()).packedDateOfBirth()).isEqualTo(DateParts.INVALID);
    }

    @Test
    void sameNeedsBothValuesPresentAndEqual() {
        PreparedRecord a = PreparedRecord.of(person("JEAN", "DUPONT", null).build());
        PreparedRecord b = PreparedRecord.of(person("JEAN", "DUPONT", null).build());
        PreparedRecord c = PreparedRecord.of(person("DUPONT", "MARTIN", null).build());
        assertThat(a.same(RecordField.GIVEN_NAME, b)).isTrue();
        assertThat(a.same(RecordField.GIVEN_NAME, c)).isFalse();
        assertThat(a.same(RecordField.EMAIL, b)).as("both missing is not agreement").isFalse();
        assertThat(a.same(RecordField.FAMILY_NAME, c, RecordField.GIVEN_NAME)).isTrue();
        // "Aa" and "BB" share a hash code: equality must still be checked on the text.
        PreparedRecord aa = PreparedRecord.of(person("Aa", "X", null).build());
        PreparedRecord bb = PreparedRecord.of(person("BB", "X", null).build());
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        assertThat(aa.same(RecordField.GIVEN_NAME, bb)).isFalse();
    }
}
