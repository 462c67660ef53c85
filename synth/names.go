package synth

import (
	"math"
	"strings"
)

// Name-culture groups. A group says which list a synthetic person's name
// was drawn from; it is written into labels for fairness tests and never
// into records.
const (
	GroupEnglish    = "english"
	GroupHispanic   = "hispanic"
	GroupPortuguese = "portuguese"
	GroupIndian     = "indian"
	GroupChinese    = "chinese"
	GroupKorean     = "korean"
	GroupJapanese   = "japanese"
	GroupVietnamese = "vietnamese"
	GroupArabic     = "arabic"
	GroupRussian    = "russian"
	GroupUkrainian  = "ukrainian"
	GroupNigerian   = "nigerian"
	GroupKenyan     = "kenyan"
	GroupFilipino   = "filipino"
	GroupGerman     = "german"
	GroupPolish     = "polish"
	GroupFrench     = "french"
)

// culture is one name list. Given and family names are listed from most to
// least common; where a public frequency table exists the weights follow
// it (shares in percent), elsewhere a Zipf law over the order stands in.
type culture struct {
	group  string
	given  []string
	female map[string]bool // given names whose family name takes a feminine form
	middle []string        // Vietnamese middle names
	family *table
	// familyFirst cultures write the family name first in their own order.
	familyFirst bool
	// spousesKeepNames: married couples keep their own family names.
	spousesKeepNames bool
	// doubleSurname is the share of people who write two family names.
	doubleSurname float64
	// feminine turns a family name into its feminine form.
	feminine  func(string) string
	givenT    *table
	nicknames map[string][]string
	// englishAlias is the share of people who also go by an English given name.
	englishAlias float64
}

func zipf(items []string, s float64) *table {
	w := make([]float64, len(items))
	for i := range items {
		w[i] = 1 / math.Pow(float64(i+1), s)
	}
	return newTable(items, w)
}

// headTail weighs the first items by the published shares in head and
// every further item by tail.
func headTail(items []string, head []float64, tail float64) *table {
	w := make([]float64, len(items))
	for i := range w {
		if i < len(head) {
			w[i] = head[i]
		} else {
			w[i] = tail
		}
	}
	return newTable(items, w)
}

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

func slavicFeminine(f string) string {
	switch {
	case strings.HasSuffix(f, "ski"):
		return strings.TrimSuffix(f, "i") + "a"
	case strings.HasSuffix(f, "cki"), strings.HasSuffix(f, "dzki"):
		return strings.TrimSuffix(f, "i") + "a"
	case strings.HasSuffix(f, "ov"), strings.HasSuffix(f, "ev"), strings.HasSuffix(f, "in"):
		return f + "a"
	}
	return f
}

var englishNicknames = map[string][]string{
	"William": {"Bill", "Will"}, "Robert": {"Bob", "Rob"}, "Elizabeth": {"Liz", "Beth"},
	"Michael": {"Mike"}, "Christopher": {"Chris"}, "Jennifer": {"Jen", "Jenny"},
	"James": {"Jim", "Jimmy"}, "Daniel": {"Dan", "Danny"}, "Joseph": {"Joe"},
	"Thomas": {"Tom"}, "Matthew": {"Matt"}, "Anthony": {"Tony"}, "Jonathan": {"Jon"},
	"Samuel": {"Sam"}, "Andrew": {"Andy", "Drew"}, "Joshua": {"Josh"}, "Patricia": {"Pat", "Trish"},
	"Susan": {"Sue"}, "Richard": {"Rick", "Rich"}, "Stephanie": {"Steph"}, "Rachel": {"Rach"},
	"Jessica": {"Jess"}, "Kevin": {"Kev"}, "Amanda": {"Mandy"}, "Nicole": {"Nikki"},
	"Barbara": {"Barb"}, "Olivia": {"Liv"}, "Megan": {"Meg"}, "David": {"Dave"},
}

// newCultures builds the name lists. They are written by hand from public
// knowledge of common names; surname shares cite their census source.
func newCultures() map[string]*culture {
	cs := []*culture{
		{
			group: GroupEnglish,
			given: []string{"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda",
				"William", "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
				"Sarah", "Christopher", "Karen", "Daniel", "Emily", "Matthew", "Ashley", "Anthony", "Michelle",
				"Andrew", "Amanda", "Joshua", "Stephanie", "Kevin", "Laura", "Brian", "Rachel", "Ryan",
				"Nicole", "Jonathan", "Megan", "Samuel", "Olivia", "Mark", "Melissa", "Steven", "Rebecca",
				"Paul", "Deborah", "Eric", "Heather", "Jason", "Amy", "Jeffrey", "Angela", "Gary", "Brenda",
				"Timothy", "Emma", "Scott", "Katherine", "Justin", "Christine", "Brandon", "Samantha",
				"Benjamin", "Hannah", "Gregory", "Lauren", "Patrick", "Victoria", "Tyler", "Madison",
				"Nathan", "Abigail", "Adam", "Grace", "Zachary", "Chloe", "Ethan", "Natalie", "Noah",
				"Ava", "Dylan", "Kayla", "Aaron", "Alexis", "Kyle", "Julia"},
			// US Census Bureau, 2010 surnames file: Smith 0.83%, Johnson 0.66%, Williams 0.55% ...
			family: headTail([]string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis",
				"Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White",
				"Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "Wright", "Scott", "Hill",
				"Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Campbell", "Roberts", "Turner",
				"Phillips", "Parker", "Evans", "Edwards", "Collins", "O'Brien", "Murphy", "Sullivan",
				"Stewart", "Morris", "Rogers", "Reed", "Cook", "Morgan", "Bell", "Cooper", "Richardson",
				"Cox", "Howard", "Ward", "Peterson", "Gray", "James", "Watson", "Brooks", "Kelly", "Sanders",
				"Price", "Bennett", "Wood", "Barnes", "Ross", "Henderson", "Coleman", "Jenkins", "Perry",
				"Powell", "Long", "Patterson", "Hughes", "Washington", "Butler", "Simmons", "Foster",
				"Bryant", "Alexander", "Russell", "Griffin", "Hayes", "Myers", "Ford", "Hamilton", "Graham",
				"Wallace", "West", "Cole", "Hunt", "Palmer", "Black", "Stone", "Fisher", "Dixon", "Hart"},
				[]float64{0.83, 0.66, 0.55, 0.49, 0.48, 0.38, 0.37, 0.27, 0.26, 0.25, 0.24, 0.24, 0.23,
					0.23, 0.22, 0.22, 0.22, 0.18, 0.17, 0.17, 0.17, 0.16, 0.16, 0.16, 0.15, 0.15, 0.15,
					0.15, 0.14, 0.14, 0.13, 0.13, 0.13, 0.12, 0.12, 0.11, 0.11, 0.11, 0.11, 0.10, 0.06,
					0.10, 0.07}, 0.05),
			nicknames: englishNicknames,
		},
		{
			group: GroupHispanic,
			given: []string{"María", "José", "Juan", "Carlos", "Luis", "Ana", "Jorge", "Miguel", "Alejandro",
				"Sofía", "Carmen", "Francisco", "Guadalupe", "Antonio", "Javier", "Lucía", "Diego", "Fernanda",
				"Ricardo", "Valentina", "Andrés", "Camila", "Daniela", "Pedro", "Rosa", "Manuel", "Isabel",
				"Fernando", "Gabriela", "Roberto", "Mariana", "Eduardo", "Paola", "Raúl", "Verónica",
				"Sergio", "Adriana", "Mario", "Claudia", "Héctor", "Patricia", "Arturo", "Alejandra",
				"Óscar", "Natalia", "Rafael", "Elena", "Emilio", "Ximena"},
			// US Census Bureau 2010: García 0.37%, Rodríguez 0.36%, Martínez 0.35%, Hernández 0.34% ...
			family: headTail([]string{"García", "Rodríguez", "Martínez", "Hernández", "López", "González",
				"Pérez", "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Cruz", "Morales",
				"Reyes", "Gutiérrez", "Ortiz", "Jiménez", "Ruiz", "Álvarez", "Castillo", "Vargas", "Romero",
				"Mendoza", "Moreno", "Herrera", "Medina", "Aguilar", "Guzmán", "Muñoz", "Rojas", "Navarro",
				"Delgado", "Vega", "Castro", "Salazar", "Soto", "Contreras", "Luna", "Ríos", "Estrada",
				"Domínguez", "Silva"},
				[]float64{0.37, 0.36, 0.35, 0.34, 0.29, 0.28, 0.24, 0.23, 0.19, 0.15, 0.15, 0.15, 0.14,
					0.13, 0.12, 0.12, 0.11, 0.11, 0.10, 0.10, 0.09, 0.08, 0.07, 0.07, 0.07}, 0.045),
			doubleSurname: 0.3,
			nicknames: map[string][]string{"José": {"Pepe"}, "Francisco": {"Paco", "Pancho"},
				"Guadalupe": {"Lupe"}, "Alejandro": {"Alex", "Alejo"}, "Fernanda": {"Fer"},
				"Valentina": {"Vale"}, "Daniela": {"Dani"}},
		},
		{
			group: GroupPortuguese,
			given: []string{"João", "Maria", "Pedro", "Ana", "Lucas", "Beatriz", "Gabriel", "Juliana",
				"Rafael", "Fernanda", "Mateus", "Larissa", "Thiago", "Camila", "Gustavo", "Mariana", "Felipe", "Letícia", "Bruno", "Aline", "Rodrigo",
				"Patrícia", "Diego", "Vanessa", "Leonardo", "Bianca", "André", "Carolina", "Vinícius", "Tatiana"},
			family: zipf([]string{"Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves",
				"Pereira", "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares",
				"Fernandes", "Vieira", "Barbosa", "Rocha", "Dias", "Nascimento", "Andrade", "Moreira", "Nunes",
				"Marques", "Machado", "Mendes", "Freitas", "Cardoso"}, 0.9),
			doubleSurname: 0.25,
		},
		{
			group: GroupIndian,
			given: []string{"Aarav", "Priya", "Rahul", "Ananya", "Amit", "Sneha", "Vikram", "Pooja", "Arjun",
				"Divya", "Rohit", "Neha", "Sanjay", "Kavya", "Suresh", "Lakshmi", "Rajesh", "Deepika",
				"Karthik", "Aditya", "Anjali", "Venkatesh", "Harish", "Meera", "Nikhil", "Ravi", "Shreya",
				"Manoj", "Swati", "Gaurav", "Isha", "Prakash", "Nisha", "Arun", "Radhika", "Vivek", "Aishwarya",
				"Siddharth", "Preeti", "Abhishek", "Kiran"},
			family: zipf([]string{"Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair",
				"Rao", "Shah", "Mehta", "Joshi", "Verma", "Agarwal", "Mishra", "Das", "Chatterjee", "Menon",
				"Pillai", "Desai", "Kulkarni", "Bhat", "Chopra", "Malhotra", "Srinivasan", "Banerjee",
				"Krishnan", "Pandey", "Saxena", "Naidu", "Jain", "Kapoor", "Bose", "Sinha", "Yadav"}, 0.8),
			nicknames: map[string][]string{"Venkatesh": {"Venky"}, "Karthik": {"Karthi"},
				"Aditya": {"Adi"}, "Nikhil": {"Nik"}},
		},
		{
			group: GroupChinese,
			given: []string{"Wei", "Fang", "Na", "Min", "Jing", "Li", "Qiang", "Lei", "Jun", "Yang", "Yong",
				"Yan", "Jie", "Tao", "Ming", "Chao", "Xiuying", "Xiaoming", "Hui", "Hao", "Yu", "Xin",
				"Zhiwei", "Jianhua", "Lina", "Haoran", "Yuxuan", "Zihan", "Yichen", "Jiahui"},
			// Ministry of Public Security of the PRC, 2019 household-register surname
			// ranking: Wang 7.1%, Li 7.0%, Zhang 6.7%, Liu 5.4%, Chen 4.6% ...
			family: newTable([]string{"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu",
				"Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo"},
				[]float64{7.1, 7.0, 6.7, 5.4, 4.6, 3.1, 2.5, 2.4, 2.0, 1.9, 1.5, 1.4, 1.3, 1.2, 1.2, 1.1,
					1.0, 0.9, 0.9, 0.9}),
			familyFirst: true, spousesKeepNames: true, englishAlias: 0.25,
		},
		{
			group: GroupKorean,
			given: []string{"Min-jun", "Seo-yeon", "Ji-hoon", "Ji-woo", "Seo-jun", "Ha-eun", "Do-yun",
				"Ji-min", "Eun-ji", "Hyun-woo", "Su-bin", "Jae-won", "Ye-jin", "Dong-hyun", "Sung-min",
				"Young-ho", "Jin-woo", "Hye-jin", "Joon-young", "Mi-kyung", "Sang-hoon", "Yu-na",
				"Kyung-soo", "Da-eun", "Tae-yang"},
			// Statistics Korea, 2015 Population and Housing Census: Kim 21.5%,
			// Lee 14.7%, Park 8.4%, Choi 4.7%, Jung 4.3% ...
			family: newTable([]string{"Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang",
				"Lim", "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Jeon", "Hong"},
				[]float64{21.5, 14.7, 8.4, 4.7, 4.3, 2.3, 2.1, 2.1, 2.0, 1.7, 1.5, 1.5, 1.5, 1.5, 1.4, 1.4,
					1.3, 1.3, 1.1, 1.1}),
			familyFirst: true, spousesKeepNames: true, englishAlias: 0.3,
		},
		{
			group: GroupJapanese,
			given: []string{"Haruto", "Yui", "Sota", "Hina", "Yuto", "Aoi", "Riku", "Mei", "Takumi",
				"Sakura", "Kenji", "Yuki", "Hiroshi", "Naoko", "Daiki", "Emi", "Shota", "Ayaka", "Kaito",
				"Misaki", "Ren", "Haruka", "Takeshi", "Kaori", "Yusuke", "Mai"},
			family: zipf([]string{"Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto",
				"Nakamura", "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto",
				"Inoue", "Kimura", "Hayashi", "Shimizu", "Yamazaki", "Mori", "Abe", "Ikeda", "Hashimoto"}, 0.7),
			familyFirst: true,
		},
		{
			group: GroupVietnamese,
			given: []string{"An", "Anh", "Binh", "Chi", "Dung", "Duc", "Hai", "Hanh", "Hoa", "Hung", "Huong",
				"Khanh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Ngoc", "Phuong", "Quang", "Thanh",
				"Thao", "Trang", "Tuan"},
			middle: []string{"Van", "Thi", "Duc", "Minh", "Ngoc", "Thanh", "Hoang", "Quoc"},
			// Nguyen is carried by about 38% of Vietnamese people (Lê Trung Hoa,
			// Họ và tên người Việt Nam, 2005), Tran about 11%, Le about 9.5% ...
			family: newTable([]string{"Nguyen", "Tran", "Le", "Pham", "Hoang", "Huynh", "Phan", "Vu", "Vo",
				"Dang", "Bui", "Do", "Ho", "Ngo", "Duong", "Ly"},
				[]float64{38, 11, 9.5, 7.1, 3.5, 1.6, 4.5, 2.0, 1.9, 2.1, 2.0, 1.4, 1.3, 1.3, 1.0, 0.5}),
			familyFirst: true, spousesKeepNames: true, englishAlias: 0.2,
		},
		{
			group: GroupArabic,
			given: []string{"Mohammed", "Ahmed", "Ali", "Omar", "Fatima", "Aisha", "Youssef", "Ibrahim",
				"Khalid", "Mariam", "Hassan", "Layla", "Mustafa", "Zainab", "Tariq", "Nour", "Karim", "Hamza",
				"Salma", "Rania", "Abdullah", "Samir", "Yasmin", "Bilal", "Hana", "Imran", "Amira", "Faisal",
				"Sara", "Usman", "Noor", "Adil", "Huda", "Waleed", "Dina", "Zaid", "Leila"},
			family: zipf([]string{"Khan", "Ali", "Ahmed", "Hassan", "Hussein", "Mohamed", "Ibrahim",
				"Abdullah", "Haddad", "Khalil", "Mansour", "Saleh", "Nasser", "Farah", "Aziz", "Qureshi",
				"Rahman", "Siddiqui", "Hamdan", "Yousef", "Malik", "Hussain", "Sheikh", "Butt", "Chaudhry",
				"Darwish", "Sabbagh", "Khoury", "Najjar", "Saeed", "Awad", "Hakim", "Iqbal", "Mirza"}, 0.8),
			nicknames: map[string][]string{"Mohammed": {"Muhammad", "Mohamed", "Mohammad"},
				"Youssef": {"Yusuf", "Joseph"}, "Ibrahim": {"Ebrahim"}},
		},
		{
			group: GroupRussian,
			given: []string{"Aleksandr", "Dmitry", "Sergei", "Andrei", "Alexei", "Ivan", "Mikhail",
				"Nikolai", "Olga", "Elena", "Tatiana", "Natalia", "Anna", "Maria", "Ekaterina", "Irina",
				"Svetlana", "Yulia", "Pavel", "Artem", "Vladimir", "Maxim", "Anastasia", "Roman", "Denis",
				"Igor", "Kirill", "Oleg", "Daria", "Polina", "Ksenia", "Viktoria", "Evgeny"},
			female: set("Olga", "Elena", "Tatiana", "Natalia", "Anna", "Maria", "Ekaterina", "Irina",
				"Svetlana", "Yulia", "Anastasia", "Daria", "Polina", "Ksenia", "Viktoria"),
			family: zipf([]string{"Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasiliev", "Petrov",
				"Sokolov", "Mikhailov", "Novikov", "Fedorov", "Morozov", "Volkov", "Alekseev", "Lebedev",
				"Semenov", "Egorov", "Pavlov", "Kozlov", "Stepanov", "Nikolaev", "Orlov", "Andreev",
				"Makarov", "Zakharov", "Zaitsev", "Solovyov", "Borisov", "Yakovlev", "Grigoriev", "Romanov"}, 0.7),
			feminine: slavicFeminine,
			nicknames: map[string][]string{"Aleksandr": {"Sasha", "Alexander"}, "Dmitry": {"Dima", "Dmitri"},
				"Ekaterina": {"Katya"}, "Mikhail": {"Misha"}, "Sergei": {"Sergey"}, "Alexei": {"Alexey", "Lyosha"},
				"Anastasia": {"Nastya"}, "Natalia": {"Natasha"}},
		},
		{
			group: GroupUkrainian,
			given: []string{"Oleksandr", "Andriy", "Olena", "Dmytro", "Iryna", "Serhiy", "Oksana",
				"Yuriy", "Natalia", "Bohdan", "Kateryna", "Taras", "Viktoria", "Mykola", "Halyna", "Vasyl",
				"Oksana", "Petro", "Larysa", "Volodymyr", "Svitlana", "Ihor", "Tetiana", "Maksym", "Yulia"},
			family: zipf([]string{"Melnyk", "Shevchenko", "Boyko", "Kovalenko", "Bondarenko", "Tkachenko",
				"Kravchenko", "Oliynyk", "Shevchuk", "Koval", "Polishchuk", "Bondar", "Marchenko", "Lysenko",
				"Rudenko", "Savchenko", "Petrenko", "Moroz", "Klymenko", "Pavlenko", "Kuzmenko", "Ponomarenko"}, 0.7),
		},
		{
			group: GroupNigerian,
			given: []string{"Oluwaseun", "Chinedu", "Adebayo", "Ngozi", "Emeka", "Funmilayo", "Chukwuemeka",
				"Aisha", "Ibrahim", "Folake", "Tunde", "Chiamaka", "Obinna", "Yetunde", "Ifeanyi", "Amaka",
				"Babatunde", "Kelechi", "Damilola", "Uchenna", "Zainab", "Musa", "Adaeze", "Olumide", "Nkechi",
				"Segun", "Bukola", "Chidi", "Ebere", "Yusuf", "Halima", "Femi", "Temitope", "Ikenna", "Blessing"},
			family: zipf([]string{"Okafor", "Adeyemi", "Okonkwo", "Bello", "Eze", "Adebayo", "Okeke",
				"Ogunleye", "Nwosu", "Abubakar", "Olawale", "Chukwu", "Ibrahim", "Balogun", "Okoro", "Adeleke",
				"Uche", "Mohammed", "Nnamdi", "Akinola", "Oyelaran", "Afolabi", "Obi", "Onyeka", "Adewale",
				"Usman", "Lawal", "Ogundipe", "Ezeh", "Okoye", "Fashola", "Danjuma"}, 0.6),
			nicknames: map[string][]string{"Oluwaseun": {"Seun"}, "Chukwuemeka": {"Emeka"},
				"Babatunde": {"Tunde"}, "Funmilayo": {"Funmi"}, "Damilola": {"Dami"}},
		},
		{
			group: GroupKenyan,
			given: []string{"Brian", "Faith", "Kevin", "Mercy", "Dennis", "Wanjiru", "Collins", "Esther",
				"Victor", "Grace", "Kipchoge", "Achieng", "Mwangi", "Njeri", "Samuel", "Ann", "Peter", "Joyce",
				"Daniel", "Caroline", "Stephen", "Wambui", "Felix", "Akinyi"},
			family: zipf([]string{"Otieno", "Kamau", "Wanjiku", "Mwangi", "Ochieng", "Kiprop", "Njoroge",
				"Odhiambo", "Mutua", "Kariuki", "Wafula", "Chebet", "Kiptoo", "Njuguna", "Omondi", "Kimani",
				"Wekesa", "Maina", "Onyango", "Cheruiyot", "Gitau", "Nyambura"}, 0.6),
		},
		{
			group: GroupFilipino,
			given: []string{"Mark", "John Paul", "Maria", "Jose", "Angelica", "Christian", "Kristine",
				"Michael", "Jasmine", "Carlo", "Mary Grace", "Joshua", "Princess", "Jerome", "Rhea", "Ramon",
				"Lourdes", "Paolo", "Joy", "Nicole", "Rommel", "Cristina", "Francis", "Maricel", "Arnel",
				"Jennelyn", "Noel", "Rowena", "Dennis", "Liza"},
			family: zipf([]string{"Santos", "Reyes", "Cruz", "Bautista", "Ocampo", "Garcia", "Mendoza",
				"Torres", "Tomas", "Andrada", "Castillo", "Flores", "Villanueva", "Ramos", "Castro", "Rivera",
				"Aquino", "Navarro", "Dela Cruz", "De Leon", "Gonzales", "Manalo", "Salazar", "Soriano",
				"Pascual", "Domingo", "Fernandez", "Lopez", "Santiago", "Ramirez", "Valdez"}, 0.7),
			nicknames: map[string][]string{"John Paul": {"JP"}, "Mary Grace": {"Grace"}, "Maria": {"Mia"}},
		},
		{
			group: GroupGerman,
			given: []string{"Lukas", "Anna", "Felix", "Lena", "Jonas", "Laura", "Maximilian", "Julia", "Leon",
				"Sophie", "Paul", "Hannah", "Tobias", "Katharina", "Jan", "Sarah", "Florian", "Lea",
				"Sebastian", "Johanna", "Stefan", "Sabine", "Thomas", "Andrea", "Niklas", "Marie", "Moritz",
				"Clara", "Philipp", "Lisa", "Daniel", "Nina", "Alexander", "Franziska", "Markus", "Carolin"},
			family: zipf([]string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
				"Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
				"Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann",
				"Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze",
				"Maier", "Köhler", "Herrmann"}, 0.7),
			nicknames: map[string][]string{"Maximilian": {"Max"}, "Katharina": {"Kathi"}, "Sebastian": {"Basti"}},
		},
		{
			group: GroupPolish,
			given: []string{"Jakub", "Anna", "Piotr", "Katarzyna", "Krzysztof", "Małgorzata", "Tomasz",
				"Agnieszka", "Paweł", "Magdalena", "Michał", "Joanna", "Marcin", "Aleksandra", "Łukasz",
				"Monika", "Kamil", "Zofia", "Bartosz", "Ewa", "Mateusz", "Karolina", "Adam", "Natalia",
				"Wojciech", "Dorota", "Grzegorz", "Barbara", "Rafał", "Justyna"},
			female: set("Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Magdalena", "Joanna", "Aleksandra",
				"Monika", "Zofia", "Ewa", "Karolina", "Natalia", "Dorota", "Barbara", "Justyna"),
			family: zipf([]string{"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński",
				"Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski",
				"Mazur", "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski",
				"Michalski", "Nowicki", "Adamczyk", "Dudek", "Zając", "Wieczorek", "Jabłoński", "Król", "Majewski"}, 0.7),
			feminine: slavicFeminine,
			nicknames: map[string][]string{"Katarzyna": {"Kasia"}, "Małgorzata": {"Gosia"},
				"Aleksandra": {"Ola"}, "Krzysztof": {"Krzysiek"}},
		},
		{
			group: GroupFrench,
			given: []string{"Lucas", "Emma", "Hugo", "Chloé", "Louis", "Léa", "Gabriel", "Manon", "Thomas",
				"Camille", "Nicolas", "Julie", "Antoine", "Sophie", "Pierre", "Marie", "Julien", "Claire",
				"Mathieu", "Céline", "Maxime", "Aurélie", "Romain", "Élodie", "Guillaume", "Pauline", "Alexandre",
				"Mélanie", "Vincent", "Inès", "Théo", "Margaux"},
			family: zipf([]string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
				"Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "David", "Bertrand",
				"Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert",
				"Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guerin"}, 0.7),
		},
	}
	out := make(map[string]*culture, len(cs))
	for _, c := range cs {
		c.givenT = zipf(c.given, 0.3)
		out[c.group] = c
	}
	return out
}

// englishAliases are the English given names people of some cultures also go by.
var englishAliases = []string{"David", "Justin", "Michael", "Grace", "Jenny", "Kevin", "Sophia",
	"Daniel", "Annie", "Eric", "Tony", "Helen", "Jason", "Linda", "Peter", "Amy"}
