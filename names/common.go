package names

import "strings"

// Token weights. A token's weight is how much a match on it says about
// identity: a rare family name says much, "Kim", "Mohammed" or "Trading"
// little. The tiers come from public frequency knowledge of names (national
// statistics offices' lists of most common family and given names) and
// from the legal-form vocabulary of company registries.
const (
	weightRare       = 1.0  // any token not listed below
	weightCommon     = 0.55 // common given or family name
	weightVeryCommon = 0.3  // among the most common names of a large population
	weightGeneric    = 0.2  // generic organisation word: trading, group, industrial
	weightLegalForm  = 0.1  // legal form or honorific: ltd, llc, co, mr, dr
	weightParticle   = 0.15 // name particle: al, bin, van, de
)

// veryCommonNames lists family and given names that millions of people
// bear. Sources: Statistics Korea 2015 census surname counts; China's
// Ministry of Public Security 2020 surname ranking; Vietnam's most common
// surnames; India, Pakistan and Arab-world given names; US Census 2010
// surnames; Spanish-language surname frequency tables (INE, RENAPO).
var veryCommonNames = strings.Fields(`
kim lee yi ri park pak choi choe jung jeong kang cho jo yoon yun jang lim im
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo
nguyen tran le pham hoang phan vu vo dang bui do ho ngo duong ly
muhammad mohammed mohammad mohamed ahmed ahmad ali hassan hussein husayn hussain khan
singh kumar sharma patel devi shah
smith johnson williams brown jones miller davis
garcia rodriguez martinez hernandez lopez gonzalez perez sanchez ramirez
silva santos oliveira souza
maria jose juan john james david michael mary
abdul abd abdullah`)

// commonNames lists names that are common but not dominant in any
// population, and the syllables most Korean and Chinese given names are
// built from.
var commonNames = strings.Fields(`
shin kwon hwang ahn song jeon hong ko moon yang son bae baek heo yoo yu noh nam
ha kwak sung seo joo woo koo min na jin ji um chae won chun bang kong hyun ham
young yong min jun ho jin sung song chol chul il hyok hyuk su soo hyun ji woo jae
eun hee kyung gyong mi nam kwang gwang myong myung chun jong jeong un hye yeon
seung dong sang hoon won ki gi tae hyo in ok sook suk jung nam cheol chol
wei fang na min jing li qiang lei jun yan hui ping hong yu ying hua ming jie tao
chao jian hao xin bin yi mei ling lan xiu feng yong gang hai jun wen juan
xiao dong zheng xie han tang feng deng cao peng zeng xiao tian dong pan yuan cai
jiang yu du ye cheng wei su lu ding shen ren yao lu jiang cui zhong tan
thi van thanh minh anh duc hung huong linh hai tuan nam quang long
omar umar yusuf youssef ibrahim ismail mustafa mahmoud khalid abu fatima aisha
hamid karim rashid said saeed nasser tariq faisal salim jamal aziz rahman rehman
hossein reza mehdi amir ali akbar jafari ahmadi hosseini rezaei mohammadi karimi
raj ram lal prasad das gupta reddy rao yadav mishra verma iyer nair khan
ivan sergei sergey alexander aleksandr dmitry andrei andrey vladimir nikolai
ivanov petrov smirnov kuznetsov popov sokolov volkov
wilson taylor anderson thomas jackson white harris martin thompson moore clark
lewis robinson walker young allen king wright scott green baker adams nelson
robert william richard joseph thomas charles christopher daniel paul mark
jennifer linda patricia elizabeth susan sarah
torres flores rivera gomez diaz cruz morales reyes ortiz gutierrez chavez
ruiz alvarez castillo jimenez moreno romero
carlos luis jorge pedro miguel antonio francisco manuel ana carmen
pereira costa ferreira rodrigues almeida
muller mueller schmidt schneider fischer weber meyer wagner becker
rossi russo ferrari esposito bianchi romano
okafor okeke adeyemi mohamud abdi hassan
tanaka suzuki sato takahashi watanabe ito yamamoto nakamura kobayashi
yilmaz kaya demir sahin celik yildiz
cohen levi
khalil mansour mansur hamdan saleh salih salem salim yousef yusuf youssef farouk faruq farooq
haddad aziz qureshi rahim rahimi hashemi ghorbani moradi jafari sayed sayid said saeed
hamad hamid hamza hussain hussein husain hassan hasan mahmud mahmoud mahmood abbas abbasi
jaber jabir nasr nasser nasir naser ayoub ayub bakr bakri tahir taher zaki yasin yassin
amin amine ameen anwar ashraf bashir basher fahad fahd faisal fawzi ghazi habib hadi hakim
hamed haroun harun idris ismail jalal jamil kamal kareem latif majid malik mansoor marwan
munir mustafa nabil nadim naji nour noor omar osman othman qasim rafiq rami rashid riad
sabri sadiq sami samir shareef sharif sultan tariq walid wael yahya yaqub zakaria ziad
akbar akhtar anjum aslam asif bilal ejaz farhan ghulam haider hamza iqbal irfan javed
kashif nadeem naveed nawaz rizwan sajid shahid shakeel shoaib tahir usman waqar zafar
zahid zubair mehmet ahmet mustafa emre burak zeynep elif ayse fatma emine ozturk aydin
arslan yildirim celik sahin yilmaz kaya demir kurt ozdemir dogan koc
reza mehdi hossein maryam zahra parisa dariush amir moradi karimi rezaei ahmadi
fatemeh ali asghar mohsen majid saeid hamid javad
pavel pavlov andrei andrey alexei aleksei alexey artem artyom maxim maksim mikhail nikolai
nikolay olga elena yelena tatiana tatyana natalia natalya anna irina svetlana yulia
ekaterina yekaterina vasiliev vasilyev mikhailov novikov fedorov morozov alekseev
lebedev semenov semyonov egorov yegorov kozlov stepanov nikolaev orlov andreev
makarov zakharov zaitsev solovyov borisov yakovlev grigoriev romanov vorobyov
sergeev frolov alexandrov dmitriev korolev gusev kiselev ilyin maksimov polyakov
sorokin vinogradov kovalev belov medvedev antonov tarasov zhukov baranov filippov
komarov davydov belyaev gerasimov bogdanov osipov sidorov matveev titov markov
mironov krylov kulikov karpov vlasov melnikov denisov gavrilov tikhonov kazakov
afanasiev danilov savelyev timofeev fomin chernov abramov martynov efimov fedotov
shcherbakov nazarov kalinin isaev chernyshev bykov maslov rodionov konovalov
lazarev voronin klimov filatov ponomarev golubev kuzmin vladimirovich aleksandrovich
sergeevich ivanovich nikolaevich alexandrovna ivanova petrova smirnova kuznetsova
popova sokolova volkova ivanovna
oleg igor viktor victor boris yuri yury vladimir valentin roman ruslan denis
kovalenko bondarenko shevchenko tkachenko kravchenko oliynyk boyko melnyk moroz
jose juan carlos luis miguel jorge pedro alejandro diego javier manuel antonio
francisco jesus rafael fernando ricardo eduardo roberto sergio mario raul ramon
maria ana carmen lucia sofia isabel laura gabriela elena rosa teresa patricia
guadalupe veronica adriana claudia daniela marta paula alicia
vargas castro romero herrera medina aguilar mendoza moreno jimenez alvarez
castillo vasquez ramos ruiz gil fernandez martin santana delgado pena rios
james john robert michael william david richard joseph thomas christopher
charles daniel matthew anthony mark donald steven paul andrew joshua kenneth
kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas
eric jonathan stephen larry justin scott brandon benjamin samuel frank gregory
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa
nancy betty margaret sandra ashley kimberly emily donna michelle carol amanda
melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela
smith johnson williams brown jones miller davis wilson anderson taylor thomas
moore jackson martin thompson white harris clark lewis walker robinson young
allen king wright scott green baker adams nelson hill campbell mitchell roberts
carter phillips evans turner torres parker collins edwards stewart morris
murphy cook rogers morgan peterson cooper reed bailey bell kelly howard ward
cox richardson wood watson brooks bennett gray james hughes price sanders
rahul priya amit sunita anjali vikram pooja arjun neha sanjay kavita rohan
deepa imran ayesha sandeep meera arun lakshmi ravi suresh ramesh rajesh mahesh
ganesh vijay anil sunil manoj ashok deepak rakesh mukesh dinesh naresh
sharma patel singh kumar gupta reddy rao iyer nair das shah mehta chopra joshi
verma khan malik chaudhry chaudhary banerjee mishra pandey yadav jain agarwal
bhatt desai kapoor menon pillai saxena sinha srivastava tiwari trivedi
chinedu oluwaseun emeka ngozi adebayo chioma kwame ama kofi abena fatoumata
mamadou aminata yaw efua tunde funmilayo ousmane awa
okafor okeke adeyemi olawale mensah asante boateng owusu diallo traore keita
coulibaly balogun eze nwosu danso bello sow ndiaye ba
haruto yuto sota ren yui hina aoi sakura hiroshi takashi kenji yuki akira naoki
emi keiko yoko tomoko daiki riku
sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato
yoshida yamada sasaki yamaguchi matsumoto inoue kimura hayashi shimizu mori
luca marco giulia francesca hans klaus katrin pierre jean marie sophie jan
piotr katarzyna lars erik ingrid joao ines
rossi russo ferrari bianchi muller schmidt schneider fischer bernard dubois
moreau nowak kowalski wisniewski hansen johansson andersen silva santos
min-jun minjun seoyeon jihoon jiwoo hyunwoo seojun doyoon haeun sooah yejin
jaewon eunji sungmin youngho kyungsoo hyejin donghyun jinyoung mikyung sangwoo
xiuying amina aminah sara sarah layla laila mariam maryam noor nour huda zainab zaynab
fatima fatimah aisha aysha khadija`)

// genericOrgWords are words that appear in the names of thousands of
// unrelated organisations and vessels.
var genericOrgWords = strings.Fields(`
trading trade traders trader company group holding holdings international intl
industrial industry industries general enterprise enterprises corporation corp
import export imports exports shipping ship marine maritime navigation
service services development commercial commerce investment investments
management technology technologies tech petroleum oil gas energy bank banking
joint stock national global united new star ocean sea pacific gulf east west
north south central first world foreign economic cooperation association
construction engineering equipment machinery logistics transport transportation
agency bureau office democratic people peoples republic ministry administration
department committee commission council institute academy army force forces party state
airlines airline airways aviation organization organisation foundation network partners
`)

// legalForms are legal-form suffixes and titles that carry no identity.
var legalForms = strings.Fields(`
co corp ltd limited llc llp lp plc inc incorporated gmbh ag sa sas sarl srl spa bv
nv jsc ojsc cjsc pjsc ooo oao zao pao fzc fze fzco fzllc lda pte pty bhd sdn kk
ab as oy aps sp zoo sl de cv ltda eirl ca cia the and of for in on at to
mr mrs ms miss dr prof sir sheikh shaykh haji hajji mullah maulana maulvi
general colonel col gen lt captain capt
mv mt ss fv`)

// particles are name particles that join other words.
var particles = strings.Fields(`al el ul ud bin ibn bint ben ould van von der den da di du de del della la le
dos das`)

// tokenWeights maps a token to its weight; tokens not present weigh
// weightRare. Later tiers do not overwrite earlier ones.
func buildTokenWeights() map[string]float64 {
	w := make(map[string]float64)
	add := func(list []string, v float64) {
		for _, t := range list {
			if _, ok := w[t]; !ok {
				w[t] = v
			}
		}
	}
	add(legalForms, weightLegalForm)
	add(particles, weightParticle)
	add(veryCommonNames, weightVeryCommon)
	add(commonNames, weightCommon)
	add(genericOrgWords, weightGeneric)
	return w
}

// legalFormCanon writes legal forms one way in organisation names.
var legalFormCanon = map[string]string{
	"corporation": "corp", "company": "co", "limited": "ltd", "incorporated": "inc",
	"cie": "co", "cia": "co", "compania": "co", "societe": "co",
}

// placeWords are country and city names that organisation names carry by
// the hundred ("Korea … Trading Corporation").
var placeWords = map[string]bool{
	"korea": true, "korean": true, "dprk": true, "pyongyang": true, "chosun": true, "choson": true,
	"china": true, "chinese": true, "hong": true, "kong": true, "iran": true, "iranian": true,
	"russia": true, "russian": true, "syria": true, "syrian": true, "iraq": true, "cuba": true,
	"dandong": true, "shenyang": true, "dubai": true, "emirates": true, "moscow": true, "tehran": true,
	"america": true, "american": true, "asia": true, "europe": true, "africa": true, "arab": true,
}
