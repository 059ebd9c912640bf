package io.customerhub.matching.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressNormalizerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "12 rue de la Paix|12 RUE DE LA PAIX|12",
            "12, r. de la Paix|12 RUE DE LA PAIX|12",
            "12 bis rue de la Paix|12B RUE DE LA PAIX|12B",
            "12bis, Rue de la Paix|12B RUE DE LA PAIX|12B",
            "12 B rue de la Paix|12B RUE DE LA PAIX|12B",
            "12b r de la paix|12B RUE DE LA PAIX|12B",
            "12 ter av. de la République|12T AVENUE DE LA REPUBLIQUE|12T",
            "12-14 bd Voltaire|12-14 BOULEVARD VOLTAIRE|12-14",
            "3 Bd. St-Michel|3 BOULEVARD SAINT MICHEL|3",
            "5 pl. de l'Église|5 PLACE DE LEGLISE|5",
            "7 ch. des Vignes|7 CHEMIN DES VIGNES|7",
            "9 allée des Tilleuls|9 ALLEE DES TILLEULS|9",
            "9 All. des Tilleuls|9 ALLEE DES TILLEULS|9",
            "2 imp. du Moulin|2 IMPASSE DU MOULIN|2",
            "41 rte de Lyon|41 ROUTE DE LYON|41",
            "18 Rue du Fbg St-Honoré|18 RUE DU FAUBOURG SAINT HONORE|18",
            "221B Baker St.|221B BAKER STREET|221B",
            "10 Downing Street|10 DOWNING STREET|10",
            "1600 Amphitheatre Pkwy|1600 AMPHITHEATRE PARKWAY|1600",
            "742 Evergreen Rd|742 EVERGREEN ROAD|742",
            "Hauptstr. 5a|5A HAUPTSTRASSE|5A",
            "Königsallee 12|12 KONIGSALLEE|12",
            "Avenue du 11 Novembre 1918|AVENUE DU 11 NOVEMBRE 1918|",
            "Lieu-dit Les Granges|LIEU DIT LES GRANGES|",
    })
    void streetLines(String raw, String line, String houseNumber) {
        NormalizedStreet street = AddressNormalizer.streetLine(raw).orNull();
        assertThat(street.line()).isEqualTo(line);
        assertThat(street.houseNumber()).isEqualTo(houseNumber);
    }

    @Test
    void streetWithoutTheNumberIsExposed() {
        assertThat(AddressNormalizer.streetLine("12 bis rue de la Paix").orNull().street()).isEqualTo("RUE DE LA PAIX");
        assertThat(AddressNormalizer.streetLine("---").rejection()).hasValue("no street in address line");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"12 bis|12B", "12B|12B", "12 ter|12T", "12-14|12-14", "007|7", " 3 quater |3Q"})
    void houseNumbers(String raw, String expected) {
        assertThat(AddressNormalizer.houseNumber(raw).orNull()).isEqualTo(expected);
    }

    @Test
    void houseNumberFieldWithTextIsRejected() {
        assertThat(AddressNormalizer.houseNumber("rue de la Paix").rejection()).hasValue("not a house number");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "75001|FR|75001", "75 001|FR|75001", "01000|FR|01000", "1000|FR|01000", "F-75001|FR|75001",
            "97400|RE|97400", "sw1a 1aa|GB|SW1A1AA", "SW1A1AA|GB|SW1A1AA", "EC1A 1BB|GB|EC1A1BB",
            "80331|DE|80331", "D-80331|DE|80331", "94043-1351|US|94043", "1000|BE|1000", "1012 AB|NL|1012AB",
            "75001||75001",
    })
    void postcodes(String raw, String country, String expected) {
        assertThat(AddressNormalizer.postcode(raw, country).orNull()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "750011|FR|not a French postcode (5 digits)", "PARIS|FR|not a French postcode (5 digits)",
            "75001|GB|not a UK postcode", "ABC|US|not a US ZIP code", "?|NL|not a postcode"})
    void rejectsPostcodesOfTheWrongShape(String raw, String country, String reason) {
        assertThat(AddressNormalizer.postcode(raw, country).rejection()).hasValue(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Paris|PARIS", "PARIS 15|PARIS", "Paris Cedex 08|PARIS", "paris 15e arrondissement|PARIS",
            "Lyon 3ème|LYON", "Marseille 8e Arr.|MARSEILLE", "75015 Paris|PARIS",
            "St-Étienne|SAINT ETIENNE", "Saint Etienne Cedex 2|SAINT ETIENNE", "Ste-Foy-lès-Lyon|SAINTE FOY LES LYON",
            "L'Isle-Adam|LISLE ADAM", "L ISLE ADAM|LISLE ADAM", "Issy-les-Moulineaux CEDEX|ISSY LES MOULINEAUX",
            "München|MUNCHEN", "London|LONDON",
    })
    void cities(String raw, String expected) {
        assertThat(AddressNormalizer.city(raw).orNull()).isEqualTo(expected);
    }

    @Test
    void cityWithoutLettersIsRejected() {
        assertThat(AddressNormalizer.city("75015").rejection()).hasValue("no letters in city");
        assertThat(AddressNormalizer.city(" ").isRejected()).isFalse();
    }
}
