package un

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fixture(t testing.TB) []byte {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "un", "consolidated.xml"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRead(t *testing.T) {
	l, err := Read(context.Background(), fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Entities) != 3 || l.FileDate.Format("2006-01-02") != "2026-02-27" {
		t.Fatalf("got %d entries dated %v, want 3 dated 2026-02-27", len(l.Entities), l.FileDate)
	}
	ri, umarov, ryonbong := l.Entities[0], l.Entities[1], l.Entities[2]
	tests := []struct {
		what      string
		got, want any
	}{
		{"id", ri.ID, "KPi.002"},
		{"name", ri.Name, "RI JE-SON"},
		{"alias", ri.Aliases[0].Name, "Ri Che-son"},
		{"program", ri.Programs[0], "DPRK"},
		{"birth year", ri.BirthDates[0].String(), "1938"},
		{"passport", ri.Documents[0].Number, "PD 381420105"},
		{"nationality", ri.Nationalities[0], "Democratic People's Republic of Korea"},
		{"original script alias", umarov.Aliases[0].Name, "Умаров Доку Хаматович"},
		{"three-part name", umarov.Name, "DOKU KHAMATOVICH UMAROV"},
		{"full birth date", umarov.BirthDates[0].String(), "1964-04-13"},
		{"entity type", string(ryonbong.Type), "organization"},
		{"fka", ryonbong.Aliases[1].Type, "fka"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.what, tc.got, tc.want)
		}
	}
}

func TestReadRefusesBrokenFiles(t *testing.T) {
	fx := fixture(t)
	tests := []struct {
		name    string
		data    []byte
		wantErr string
	}{
		{"truncated", fx[:len(fx)*2/3], "truncated"},
		{"not the list", []byte(`<?xml version="1.0"?><OTHER/>`), "CONSOLIDATED_LIST"},
		{"no entries", []byte(`<CONSOLIDATED_LIST></CONSOLIDATED_LIST>`), "no INDIVIDUAL"},
		{"nameless", []byte(`<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><REFERENCE_NUMBER>X.1</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`), "no name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(context.Background(), tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got error %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	f.Add(fixture(f))
	f.Add([]byte(`<CONSOLIDATED_LIST><ENTITIES><ENTITY><FIRST_NAME>A</FIRST_NAME></ENTITY></ENTITIES></CONSOLIDATED_LIST>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Read(context.Background(), data)
		if err != nil {
			return
		}
		for _, e := range l.Entities {
			if e.Name == "" {
				t.Fatalf("entry without a name: %+v", e)
			}
		}
	})
}

func ExampleRead() {
	xml := `<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09Z"><INDIVIDUALS><INDIVIDUAL>
<FIRST_NAME>YUN</FIRST_NAME><SECOND_NAME>HO-JIN</SECOND_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE>
<REFERENCE_NUMBER>KPi.001</REFERENCE_NUMBER><INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Yun Ho-chin</ALIAS_NAME></INDIVIDUAL_ALIAS>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1944-10-13</DATE></INDIVIDUAL_DATE_OF_BIRTH>
</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`
	l, err := Read(context.Background(), []byte(xml))
	if err != nil {
		panic(err)
	}
	e := l.Entities[0]
	fmt.Println(e.ID, e.Name, e.Aliases[0].Name, e.BirthDates[0])
	// Output: KPi.001 YUN HO-JIN Yun Ho-chin 1944-10-13
}
