package io.customerhub.matching.compare;

import io.customerhub.matching.record.StandardizedRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.codec.language.DoubleMetaphone;

/** Builds standardised test records; phonetic keys computed with Double Metaphone like a standardiser would. */
public final class TestRecords {

    private static final DoubleMetaphone PHONETIC = new DoubleMetaphone();

    private String given;
    private String family;
    private String birthName;
    private String dob;
    private String gender;
    private String email;
    private String phone;
    private String mobile;
    private String nationalId;
    private String addressLine;
    private String houseNumber;
    private String postcode;
    private String city;
    private final List<String> ids = new ArrayList<>();

    public static TestRecords person(String given, String family, String dob) {
        TestRecords r = new TestRecords();
        r.given = given;
        r.family = family;
        r.dob = dob;
        return r;
    }

    public TestRecords given(String v) { given = v; return this; }
    public TestRecords family(String v) { family = v; return this; }
    public TestRecords birthName(String v) { birthName = v; return this; }
    public TestRecords dob(String v) { dob = v; return this; }
    public TestRecords gender(String v) { gender = v; return this; }
    public TestRecords email(String v) { email = v; return this; }
    public TestRecords phone(String v) { phone = v; return this; }
    public TestRecords mobile(String v) { mobile = v; return this; }
    public TestRecords id(String v) { ids.add(v); return this; }
    public TestRecords nationalId(String v) { nationalId = v; return this; }

    public TestRecords address(String line, String house, String pc, String c) {
        addressLine = line;
        houseNumber = house;
        postcode = pc;
        city = c;
        return this;
    }

    public StandardizedRecord build() {
        return new StandardizedRecord("test", Integer.toHexString(System.identityHashCode(this)), given, family, birthName,
                phonetic(given), phonetic(family), dob, gender, email, phone, mobile, addressLine, houseNumber, postcode,
                city, "FR", nationalId, ids);
    }

    private static String phonetic(String name) {
        if (name == null) {
            return null;
        }
        int space = name.indexOf(' ');
        return PHONETIC.doubleMetaphone(space > 0 ? name.substring(0, space) : name);
    }
}
