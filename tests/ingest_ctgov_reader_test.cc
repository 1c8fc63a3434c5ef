#include "ingest/ctgov_reader.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace trialgraph::ingest {
namespace {

using trialgraph::testing::RealOntology;
using trialgraph::testing::Slurp;

using ontology::Ontology;



const std::string kDir = TRIALGRAPH_SHARED_DIR "/data/ctgov/";

bool Has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

TEST(CtgovXml, ReadsBlinatumomabStudy) {
  std::vector<SourceDocument> docs;
  Status st = ReadCtgovXml("NCT01207388.xml", Slurp(kDir + "xml/NCT01207388.xml"), RealOntology(), &docs);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(docs.size(), 1u);
  const SourceDocument& d = docs[0];
  EXPECT_EQ(d.format, "ctgov-xml");
  EXPECT_EQ(d.ids.nct, std::vector<std::string>{"NCT01207388"});
  ASSERT_TRUE(d.title && d.title_span);
  EXPECT_EQ(d.text.substr(d.title_span->start, d.title_span->end - d.title_span->start), *d.title);
  ASSERT_EQ(d.stated_trials.size(), 1u);
  const Trial& t = d.stated_trials[0];
  EXPECT_EQ(t.registry_ids.front(), "NCT01207388");
  EXPECT_EQ(t.names, std::vector<std::string>{"BLAST"});
  EXPECT_EQ(t.phase, "2");
  EXPECT_EQ(t.enrolled, 116);
  EXPECT_TRUE(Has(t.design, "single-arm"));
  EXPECT_TRUE(Has(t.design, "open-label"));
  ASSERT_EQ(t.populations.size(), 1u);
  const Ontology& o = RealOntology();
  std::optional<uint32_t> disease = o.diseases.Find(t.populations[0].disease);
  ASSERT_TRUE(disease) << t.populations[0].disease;
  EXPECT_TRUE(o.DiseaseIsA(*disease, *o.diseases.Find("acute lymphoblastic leukemia")));
  EXPECT_EQ(t.populations[0].age.min, 18);
  ASSERT_EQ(t.arms.size(), 1u);
  EXPECT_TRUE(Has(t.arms[0].regimen.drugs, "blinatumomab"));
  EXPECT_EQ(t.arms[0].n, 116);
  EXPECT_FALSE(t.adverse_events.empty());
  ASSERT_FALSE(t.endpoints.empty());
  EXPECT_EQ(t.endpoints[0].kind, "complete MRD response");  // the description defines it so
  EXPECT_DOUBLE_EQ(t.endpoints[0].value, 77.9);
  EXPECT_EQ(t.endpoints[0].unit, "%");
  EXPECT_EQ(t.endpoints[0].arm, 0);
  EXPECT_TRUE(t.endpoints[0].primary);
  for (const Span& s : d.body) EXPECT_LE(s.end, d.text.size());
}

TEST(CtgovXml, EveryLegacyRecordParses) {
  size_t with_trial = 0;
  for (const char* name : {"NCT00001177.xml", "NCT02465060.xml", "NCT03182660.xml", "NCT01029262.xml"}) {
    std::vector<SourceDocument> docs;
    Status st = ReadCtgovXml(name, Slurp(kDir + "xml/" + name), RealOntology(), &docs);
    ASSERT_TRUE(st.ok()) << name << ": " << st.ToString();
    with_trial += docs.size() == 1 && docs[0].stated_trials.size() == 1;
  }
  EXPECT_EQ(with_trial, 4u);
}

// A study of several conditions enrols a population of each; eligibility is shared.
TEST(CtgovXml, OnePopulationPerCondition) {
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovXml("NCT01339988.xml", Slurp(kDir + "xml/NCT01339988.xml"), RealOntology(), &docs).ok());
  ASSERT_EQ(docs.size(), 1u);
  std::vector<std::string> diseases;
  for (const Population& p : docs[0].stated_trials.at(0).populations) {
    diseases.push_back(p.disease);
    EXPECT_EQ(p.age.max, 21) << p.disease;
  }
  EXPECT_TRUE(Has(diseases, "myelodysplastic syndrome"));
  EXPECT_TRUE(Has(diseases, "juvenile myelomonocytic leukemia"));
}

// A condition is narrowed to the kind of it the titles name (condition "Lung
// Cancer", title "... Non-Small Cell Lung Cancer"); MeSH's inverted
// "Carcinoma, Adenoid Cystic" and "Advanced Malignant Solid Neoplasm" are diseases.
TEST(CtgovXml, ConditionsNarrowedByTheTitlesAndSpelledAsMeSH) {
  auto diseases = [](const std::string& file) {
    std::vector<SourceDocument> docs;
    EXPECT_TRUE(ReadCtgovXml(file, Slurp(kDir + "xml/" + file), RealOntology(), &docs).ok());
    std::vector<std::string> names;
    for (const Population& p : docs.at(0).stated_trials.at(0).populations) names.push_back(p.disease);
    return names;
  };
  EXPECT_EQ(diseases("NCT00023673.xml"), std::vector<std::string>{"non-small-cell lung cancer"});
  EXPECT_TRUE(Has(diseases("NCT01065844.xml"), "adenoid cystic carcinoma"));
  EXPECT_TRUE(Has(diseases("NCT02465060.xml"), "solid tumor"));
}

// An id written as a cooperative group's acronym and its letter-led protocol
// number ("RTOG L-0117", in the XML and the JSON record) names the trial; a
// sponsor's code ("CA209-017") does not.
TEST(CtgovXml, GroupProtocolNumbersAreNames) {
  auto names = [](const std::string& file, bool xml) {
    std::vector<SourceDocument> docs;
    std::string bytes = Slurp(kDir + file);
    Status st = xml ? ReadCtgovXml(file, bytes, RealOntology(), &docs) : ReadCtgovJson(file, bytes, RealOntology(), &docs);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return docs.at(0).stated_trials.at(0).names;
  };
  EXPECT_EQ(names("xml/NCT00023673.xml", true), std::vector<std::string>{"RTOG L-0117"});
  EXPECT_EQ(names("json/NCT00023673.json", false), std::vector<std::string>{"RTOG L-0117"});
  EXPECT_TRUE(names("xml/NCT01642004.xml", true).empty());
}

// A cooperative group's acronym and its protocol code ("COG-AALL0232") among the ids names the trial, and so does an
// id the record writes as a study ("the EAY131 study"); a grant or registry code ("NCI-2009-00412") does not. The
// acronym field is written as the official title spells it ("CheckMate 331").
TEST(CtgovXml, GroupCodesAndIdsWrittenAsStudiesAreNames) {
  auto names = [](const std::string& ids, const std::string& rest) {
    const std::string xml = "<clinical_study><id_info>" + ids + "<nct_id>NCT00000007</nct_id></id_info>" + rest +
                            "<brief_title>Dasatinib in Leukemia</brief_title></clinical_study>";
    std::vector<SourceDocument> docs;
    EXPECT_TRUE(ReadCtgovXml("x.xml", xml, RealOntology(), &docs).ok());
    return docs.at(0).stated_trials.at(0).names;
  };
  EXPECT_EQ(names("<org_study_id>AALL0232</org_study_id><secondary_id>COG-AALL0232</secondary_id>"
                  "<secondary_id>NCI-2009-00412</secondary_id>",
                  ""),
            std::vector<std::string>{"COG-AALL0232"});
  EXPECT_EQ(names("<org_study_id>NCI-2015-00054</org_study_id><secondary_id>EAY131</secondary_id>",
                  "<eligibility><criteria><textblock>Patients enrolled in the EAY131 study.</textblock></criteria>"
                  "</eligibility>"),
            std::vector<std::string>{"EAY131"});
  EXPECT_EQ(names("<org_study_id>CA209-331</org_study_id>",
                  "<acronym>CheckMate331</acronym><official_title>Nivolumab or Chemotherapy in Leukemia (CheckMate 331: "
                  "CHECKpoint Pathway and nivoluMAb Clinical Trial Evaluation 331)</official_title>"),
            std::vector<std::string>{"CheckMate 331"});
}

// Outcome measures: the description's definition names the kind exactly, a
// duration time frame is the timepoint, a percentage is of the participants
// analyzed, and "mortality after allogeneic transplant" is no transplant rate.
TEST(CtgovXml, OutcomeKindsTimepointsAndDenominators) {
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovXml("NCT01207388.xml", Slurp(kDir + "xml/NCT01207388.xml"), RealOntology(), &docs).ok());
  const std::vector<Endpoint>& endpoints = docs.at(0).stated_trials.at(0).endpoints;
  auto find = [&](const std::string& kind) {
    auto it = std::find_if(endpoints.begin(), endpoints.end(), [&](const Endpoint& e) { return e.kind == kind; });
    return it == endpoints.end() ? nullptr : &*it;
  };
  const Endpoint* mrd = find("complete MRD response");
  ASSERT_NE(mrd, nullptr);
  EXPECT_EQ(mrd->of, 113);
  EXPECT_TRUE(mrd->primary);
  const Endpoint* rfs = find("relapse-free survival");
  ASSERT_NE(rfs, nullptr);
  EXPECT_EQ(rfs->timepoint, "18 months");
  EXPECT_EQ(find("allogeneic transplant"), nullptr);
  EXPECT_EQ(find("MRD negativity"), nullptr);
}

// A record without arm groups (expanded access) has one arm of its interventions.
TEST(CtgovXml, InterventionsWithoutArmGroupsMakeOneArm) {
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovXml("NCT03147742.xml", Slurp(kDir + "xml/NCT03147742.xml"), RealOntology(), &docs).ok());
  const std::vector<Arm>& arms = docs.at(0).stated_trials.at(0).arms;
  ASSERT_EQ(arms.size(), 1u);
  EXPECT_EQ(arms[0].regimen.drugs, std::vector<std::string>{"ruxolitinib"});
}

// Results groups titled by drug ("Lenalidomide", "Placebo") give their counts
// to the arm giving exactly those drugs.
TEST(CtgovXml, GroupCountsFindArmsByDrugs) {
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovXml("NCT01029262.xml", Slurp(kDir + "xml/NCT01029262.xml"), RealOntology(), &docs).ok());
  const std::vector<Arm>& arms = docs.at(0).stated_trials.at(0).arms;
  ASSERT_EQ(arms.size(), 2u);
  for (const Arm& arm : arms) EXPECT_EQ(arm.n, arm.regimen.drugs.empty() ? 79 : 160) << arm.label;
}

// A condition that diseases.tsv does not curate but MeSH files as a disease
// is the population's disease by its plain name, so its eligibility ages are
// kept; its criteria's "refractory" speaks of a symptom, not of a setting; a
// condition that is no disease ("Physical Activity") names none.
TEST(CtgovXml, UncuratedConditionsNamedPlainly) {
  auto populations = [](const std::string& conditions) {
    const std::string xml = "<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info>"
                            "<brief_title>A study of an intervention</brief_title>" + conditions +
                            "<eligibility><criteria><textblock>Inclusion Criteria: diarrhea refractory to standard "
                            "management</textblock></criteria><minimum_age>13 Years</minimum_age>"
                            "<maximum_age>N/A</maximum_age></eligibility>"
                            "</clinical_study>";
    std::vector<SourceDocument> docs;
    EXPECT_TRUE(ReadCtgovXml("x.xml", xml, RealOntology(), &docs).ok());
    return docs.at(0).stated_trials.at(0).populations;
  };
  std::vector<Population> hiv = populations("<condition>HIV Infection</condition><condition>Physical Activity</condition>");
  ASSERT_EQ(hiv.size(), 1u);
  EXPECT_EQ(hiv[0].disease, "HIV infection");
  EXPECT_EQ(hiv[0].age.min, 13);
  EXPECT_TRUE(hiv[0].settings.empty());
  std::vector<Population> inverted = populations(
      "<condition>Tachycardia, Ventricular</condition><condition>Catecholamine Resistant Hypotension (CRH)</condition>"
      "<condition>Macular Degeneration, Choroidal Neovascularization</condition>");
  ASSERT_EQ(inverted.size(), 3u);
  EXPECT_EQ(inverted[0].disease, "ventricular tachycardia");
  EXPECT_EQ(inverted[1].disease, "catecholamine resistant hypotension");
  EXPECT_EQ(inverted[2].disease, "macular degeneration, choroidal neovascularization");
  std::vector<Population> activity = populations("<condition>Physical Activity</condition>");
  ASSERT_EQ(activity.size(), 1u);  // no disease: the eligibility ages only
  EXPECT_EQ(activity[0].disease, "");
}

// A condition MeSH spells otherwise is still a disease where a disease word
// ends it ("End Stage Renal Disease"), but not where a word makes it
// something else ("Minimal Residual Disease"); a record of healthy volunteers
// (no condition a vocabulary knows) keeps its age limits as a population
// without a disease.
TEST(CtgovXml, HeadedConditionsAndHealthyVolunteers) {
  auto populations = [](const std::string& conditions) {
    const std::string xml = "<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info>"
                            "<brief_title>A study of an intervention</brief_title>" + conditions +
                            "<eligibility><minimum_age>18 Years</minimum_age>"
                            "<maximum_age>65 Years</maximum_age></eligibility></clinical_study>";
    std::vector<SourceDocument> docs;
    EXPECT_TRUE(ReadCtgovXml("x.xml", xml, RealOntology(), &docs).ok());
    return docs.at(0).stated_trials.at(0).populations;
  };
  std::vector<Population> esrd = populations("<condition>End Stage Renal Disease</condition>");
  ASSERT_EQ(esrd.size(), 1u);
  EXPECT_EQ(esrd[0].disease, "end stage renal disease");
  std::vector<Population> healthy = populations("<condition>Healthy</condition><condition>Minimal Residual Disease</condition>");
  ASSERT_EQ(healthy.size(), 1u);
  EXPECT_EQ(healthy[0].disease, "");
  EXPECT_EQ(healthy[0].age.min, 18);
  EXPECT_EQ(healthy[0].age.max, 65);
  EXPECT_EQ(healthy[0].age_group, "adult");
}

// A record's only condition that the registry's MeSH index files under a
// disease descriptor ("Knee Arthropathy" under "Joint Diseases") is the
// patients' disease by its plain name, in XML and in API v2 JSON; not in a
// study of healthy volunteers, nor where the record lists several conditions.
TEST(CtgovXml, ConditionFiledByRegistryAsDisease) {
  auto xml_diseases = [](const std::string& conditions, const std::string& healthy) {
    const std::string xml = "<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info>"
                            "<brief_title>A study of an intervention</brief_title>" + conditions +
                            "<eligibility><healthy_volunteers>" + healthy + "</healthy_volunteers>"
                            "<minimum_age>21 Years</minimum_age></eligibility>"
                            "<condition_browse><mesh_term>Joint Diseases</mesh_term></condition_browse></clinical_study>";
    std::vector<SourceDocument> docs;
    EXPECT_TRUE(ReadCtgovXml("x.xml", xml, RealOntology(), &docs).ok());
    std::vector<std::string> names;
    for (const Population& p : docs.at(0).stated_trials.at(0).populations) names.push_back(p.disease);
    return names;
  };
  using Names = std::vector<std::string>;
  EXPECT_EQ(xml_diseases("<condition>Knee Arthropathy</condition>", "No"), Names{"knee arthropathy"});
  EXPECT_EQ(xml_diseases("<condition>Knee Arthropathy</condition>", "Accepts Healthy Volunteers"), Names{""});
  EXPECT_EQ(xml_diseases("<condition>Knee Arthropathy</condition><condition>Robotic Surgery</condition>", "No"),
            Names{""});
  const std::string v2 = R"({"protocolSection": {"identificationModule": {"nctId": "NCT00000002", "briefTitle": "A study"},
    "conditionsModule": {"conditions": ["Knee Arthropathy"]},
    "eligibilityModule": {"healthyVolunteers": false, "minimumAge": "21 Years"}},
    "derivedSection": {"conditionBrowseModule": {"meshes": [{"id": "D007592", "term": "Joint Diseases"}]}}})";
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovJson("x.json", v2, RealOntology(), &docs).ok());
  ASSERT_EQ(docs.at(0).stated_trials.at(0).populations.size(), 1u);
  EXPECT_EQ(docs.at(0).stated_trials.at(0).populations[0].disease, "knee arthropathy");
}

// "Recurrence or progression after platinum-based first-line chemotherapy":
// progression after a therapy is relapsed/refractory disease, and the
// first-line therapy after "after" is earlier therapy, not a setting.
TEST(CtgovXml, ProgressionAfterEarlierTherapyIsRelapse) {
  const std::string xml = R"(<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info>
<brief_title>Nivolumab in small-cell lung cancer</brief_title><condition>Small Cell Lung Cancer</condition>
<eligibility><criteria><textblock>Inclusion Criteria: - must have recurrence or progression after platinum-based
first-line chemotherapy Exclusion Criteria: - none</textblock></criteria></eligibility></clinical_study>)";
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovXml("x.xml", xml, RealOntology(), &docs).ok());
  const std::vector<Population>& populations = docs.at(0).stated_trials.at(0).populations;
  ASSERT_EQ(populations.size(), 1u);
  EXPECT_EQ(populations[0].settings, std::vector<std::string>{"relapsed/refractory"});
}

// "MET Tyrosine Kinase Inhibitor PF-02341066" names a drug's target, not
// tyrosine; "Ado Trastuzumab Emtansine" and "Trastuzumab-MCC-DM1" are
// trastuzumab emtansine alone.
TEST(CtgovXml, InterventionNamesOfTargetsAddNoDrug) {
  const std::string xml = R"(<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info>
<brief_title>Targeted therapy directed by genetic testing</brief_title>
<arm_group><arm_group_label>Subprotocol C</arm_group_label></arm_group>
<arm_group><arm_group_label>Subprotocol Q</arm_group_label></arm_group>
<intervention><intervention_type>Drug</intervention_type><intervention_name>Crizotinib</intervention_name>
<arm_group_label>Subprotocol C</arm_group_label><other_name>MET Tyrosine Kinase Inhibitor PF-02341066</other_name></intervention>
<intervention><intervention_type>Biological</intervention_type><intervention_name>Trastuzumab Emtansine</intervention_name>
<arm_group_label>Subprotocol Q</arm_group_label><other_name>Ado Trastuzumab Emtansine</other_name>
<other_name>Trastuzumab-MCC-DM1</other_name></intervention>
</clinical_study>)";
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovXml("x.xml", xml, RealOntology(), &docs).ok());
  const std::vector<Arm>& arms = docs.at(0).stated_trials.at(0).arms;
  ASSERT_EQ(arms.size(), 2u);
  EXPECT_EQ(arms[0].regimen.drugs, std::vector<std::string>{"crizotinib"});
  EXPECT_EQ(arms[1].regimen.drugs, std::vector<std::string>{"trastuzumab emtansine"});
}

// An intervention named by a product code the vocabulary does not know
// ("DS-1205c") is a drug under its code; a code that is another name of a
// known drug ("REGN668" of dupilumab) adds nothing; a fixed-dose brand gives
// its drugs.
TEST(CtgovXml, UnknownProductCodesAreDrugsAndBrandsExpand) {
  const std::string xml = R"(<clinical_study><id_info><nct_id>NCT00000002</nct_id></id_info>
<brief_title>DS-1205c with gefitinib</brief_title>
<arm_group><arm_group_label>Combination</arm_group_label></arm_group>
<arm_group><arm_group_label>Antibody</arm_group_label></arm_group>
<arm_group><arm_group_label>Antiretroviral</arm_group_label></arm_group>
<intervention><intervention_type>Drug</intervention_type><intervention_name>DS-1205c</intervention_name>
<arm_group_label>Combination</arm_group_label></intervention>
<intervention><intervention_type>Drug</intervention_type><intervention_name>Gefitinib</intervention_name>
<arm_group_label>Combination</arm_group_label></intervention>
<intervention><intervention_type>Drug</intervention_type><intervention_name>REGN668</intervention_name>
<arm_group_label>Antibody</arm_group_label><other_name>dupilumab</other_name></intervention>
<intervention><intervention_type>Drug</intervention_type><intervention_name>Atripla</intervention_name>
<arm_group_label>Antiretroviral</arm_group_label></intervention>
<arm_group><arm_group_label>Subprotocol W</arm_group_label></arm_group>
<intervention><intervention_type>Drug</intervention_type><intervention_name>FGFR Inhibitor AZD4547</intervention_name>
<arm_group_label>Subprotocol W</arm_group_label><other_name>AZD4547</other_name></intervention>
</clinical_study>)";
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovXml("x.xml", xml, RealOntology(), &docs).ok());
  const std::vector<Arm>& arms = docs.at(0).stated_trials.at(0).arms;
  ASSERT_EQ(arms.size(), 4u);
  EXPECT_EQ(arms[0].regimen.drugs, (std::vector<std::string>{"ds-1205c", "gefitinib"}));  // the record's order
  EXPECT_EQ(arms[1].regimen.drugs, std::vector<std::string>{"dupilumab"});
  EXPECT_EQ(arms[2].regimen.drugs, (std::vector<std::string>{"efavirenz", "emtricitabine", "tenofovir disoproxil"}));
  EXPECT_EQ(arms[3].regimen.drugs, std::vector<std::string>{"azd4547"});  // the code among its other names
}

// "Dihydroartemisinin-piperaquine (DHAP)" defines DHAP as two drugs that
// the lymphoma regimen DHAP does not give, so the name gives those drugs
// only; "Rituximab plus CHOP (R-CHOP)" is the regimen.
TEST(CtgovXml, NameDefiningARegimenShortFormOtherwise) {
  const std::string xml = R"(<clinical_study><id_info><nct_id>NCT00000005</nct_id></id_info>
<brief_title>Primaquine with dihydroartemisinin-piperaquine</brief_title>
<arm_group><arm_group_label>PQ + DHAP</arm_group_label></arm_group>
<arm_group><arm_group_label>R-CHOP</arm_group_label></arm_group>
<intervention><intervention_type>Drug</intervention_type>
<intervention_name>Dihydroartemisinin-piperaquine (DHAP) + 0.25 mg/kg primaquine</intervention_name>
<arm_group_label>PQ + DHAP</arm_group_label></intervention>
<intervention><intervention_type>Drug</intervention_type><intervention_name>Rituximab plus CHOP (R-CHOP)</intervention_name>
<arm_group_label>R-CHOP</arm_group_label></intervention>
</clinical_study>)";
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovXml("x.xml", xml, RealOntology(), &docs).ok());
  const std::vector<Arm>& arms = docs.at(0).stated_trials.at(0).arms;
  ASSERT_EQ(arms.size(), 2u);
  EXPECT_EQ(std::set<std::string>(arms[0].regimen.drugs.begin(), arms[0].regimen.drugs.end()),
            (std::set<std::string>{"artenimol", "piperaquine", "primaquine"}));
  EXPECT_EQ(std::set<std::string>(arms[1].regimen.drugs.begin(), arms[1].regimen.drugs.end()),
            (std::set<std::string>{"rituximab", "cyclophosphamide", "doxorubicin", "vincristine", "prednisone"}));
}

// A result group titled with a short form of its arm's first words ("CZP
// 200 mg Q2W" of "Certolizumab Pegol 200 mg Q2W") gives that arm its size; a
// short form of another arm's words ("SFE OL ...") gives none.
TEST(CtgovXml, GroupTitlesAbbreviatingTheArmLabel) {
  const std::string xml = R"(<clinical_study><id_info><nct_id>NCT00000004</nct_id></id_info>
<brief_title>Certolizumab pegol versus placebo</brief_title>
<arm_group><arm_group_label>Certolizumab Pegol 200 mg Q2W</arm_group_label></arm_group>
<arm_group><arm_group_label>Placebo</arm_group_label></arm_group>
<clinical_results><participant_flow><group_list>
<group group_id="P1"><title>Placebo</title></group>
<group group_id="P2"><title>CZP 200 mg Q2W</title></group>
<group group_id="P3"><title>SFE OL CZP 200 mg Q2W</title></group>
</group_list><period_list><period><title>Overall Study</title><milestone_list><milestone><title>STARTED</title>
<participants_list><participants group_id="P1" count="158"/><participants group_id="P2" count="159"/>
<participants group_id="P3" count="0"/></participants_list></milestone></milestone_list></period></period_list>
</participant_flow></clinical_results>
</clinical_study>)";
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovXml("x.xml", xml, RealOntology(), &docs).ok());
  const std::vector<Arm>& arms = docs.at(0).stated_trials.at(0).arms;
  ASSERT_EQ(arms.size(), 2u);
  EXPECT_EQ(arms[0].n, 159);
  EXPECT_EQ(arms[1].n, 158);
}

// A participant-flow group titled as its arm with an expansion in a bracket
// ("SPIO(Stabilizing Pressure Input Orthosis) 2 Hours" of "SPIO 2 hours",
// "Arm A (Dasatinib + Chemo)" of "Dasatinib + Chemo") gives that arm its size.
TEST(CtgovXml, GroupTitlesExpandingTheArmLabel) {
  const std::string xml = R"(<clinical_study><id_info><nct_id>NCT00000005</nct_id></id_info>
<brief_title>Orthosis in cerebral palsy</brief_title>
<arm_group><arm_group_label>SPIO 2 hours</arm_group_label></arm_group>
<arm_group><arm_group_label>Dasatinib + Chemo</arm_group_label></arm_group>
<arm_group><arm_group_label>Control(conventional exercises)</arm_group_label></arm_group>
<clinical_results><participant_flow><group_list>
<group group_id="P1"><title>SPIO(Stabilizing Pressure Input Orthosis) 2 Hours</title></group>
<group group_id="P2"><title>Arm A (Dasatinib + Chemo)</title></group>
<group group_id="P3"><title>Control (Conventional Exercises)</title></group>
</group_list><period_list><period><title>Overall Study</title><milestone_list><milestone><title>STARTED</title>
<participants_list><participants group_id="P1" count="9"/><participants group_id="P2" count="7"/>
<participants group_id="P3" count="8"/></participants_list></milestone></milestone_list></period></period_list>
</participant_flow></clinical_results>
</clinical_study>)";
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovXml("x.xml", xml, RealOntology(), &docs).ok());
  const std::vector<Arm>& arms = docs.at(0).stated_trials.at(0).arms;
  ASSERT_EQ(arms.size(), 3u);
  EXPECT_EQ(arms[0].n, 9);
  EXPECT_EQ(arms[1].n, 7);
  EXPECT_EQ(arms[2].n, 8);
}

// One arm ("Overall") with several flow groups (device types, dose cohorts,
// even of its own drug) takes no group's count as its size; with one group it does.
TEST(CtgovXml, OneArmOfSeveralGroupsTakesNoGroupsCount) {
  auto record = [](const std::string& groups, const std::string& counts) {
    return R"(<clinical_study><id_info><nct_id>NCT00000006</nct_id></id_info>
<brief_title>Dasatinib dose cohorts</brief_title>
<arm_group><arm_group_label>Overall</arm_group_label></arm_group>
<intervention><intervention_type>Drug</intervention_type><intervention_name>Dasatinib</intervention_name>
<arm_group_label>Overall</arm_group_label></intervention>
<clinical_results><participant_flow><group_list>)" + groups +
           R"(</group_list><period_list><period><title>Overall Study</title><milestone_list><milestone><title>STARTED</title>
<participants_list>)" + counts + R"(</participants_list></milestone></milestone_list></period></period_list>
</participant_flow></clinical_results></clinical_study>)";
  };
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovXml("x.xml",
                           record(R"(<group group_id="P1"><title>Dasatinib 50 mg</title></group>
<group group_id="P2"><title>Dasatinib 100 mg</title></group>)",
                                  R"(<participants group_id="P1" count="6"/><participants group_id="P2" count="12"/>)"),
                           RealOntology(), &docs)
                  .ok());
  ASSERT_EQ(docs.at(0).stated_trials.at(0).arms.size(), 1u);
  EXPECT_EQ(docs.at(0).stated_trials.at(0).arms[0].n, std::nullopt);
  docs.clear();
  ASSERT_TRUE(ReadCtgovXml("x.xml", record(R"(<group group_id="P1"><title>All Participants</title></group>)",
                                           R"(<participants group_id="P1" count="18"/>)"),
                           RealOntology(), &docs)
                  .ok());
  EXPECT_EQ(docs.at(0).stated_trials.at(0).arms.at(0).n, 18);
}

// An intervention named by an unknown product code ("TMC114") in a record
// filed under one MeSH drug no other intervention gives ("Darunavir") is that
// drug; with two such drugs the code stays.
TEST(CtgovXml, ProductCodeIsTheDrugTheRecordIsFiledUnder) {
  auto record = [](const std::string& mesh) {
    return R"(<clinical_study><id_info><nct_id>NCT00000008</nct_id></id_info>
<brief_title>TMC114/RTV in treatment-experienced subjects</brief_title>
<arm_group><arm_group_label>001</arm_group_label></arm_group>
<intervention><intervention_type>Drug</intervention_type><intervention_name>TMC114</intervention_name>
<arm_group_label>001</arm_group_label></intervention>
<intervention><intervention_type>Drug</intervention_type><intervention_name>Ritonavir</intervention_name>
<arm_group_label>001</arm_group_label></intervention>
<intervention_browse>)" + mesh + R"(<mesh_term>Ritonavir</mesh_term></intervention_browse></clinical_study>)";
  };
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovXml("x.xml", record("<mesh_term>Darunavir</mesh_term>"), RealOntology(), &docs).ok());
  EXPECT_EQ(docs.at(0).stated_trials.at(0).arms.at(0).regimen.drugs, (std::vector<std::string>{"darunavir", "ritonavir"}));
  docs.clear();
  ASSERT_TRUE(ReadCtgovXml("x.xml", record("<mesh_term>Darunavir</mesh_term><mesh_term>Lopinavir</mesh_term>"),
                           RealOntology(), &docs)
                  .ok());
  EXPECT_EQ(docs.at(0).stated_trials.at(0).arms.at(0).regimen.drugs, (std::vector<std::string>{"tmc114", "ritonavir"}));
}

// A cohort labelled as never using a drug ("Never User of Pioglitazone",
// rule_words.tsv denied_use) takes none of it, even where the record gives it
// the drug; the users' cohort keeps it.
TEST(CtgovXml, NeverUsersOfADrugTakeNone) {
  const std::string xml = R"(<clinical_study><id_info><nct_id>NCT00000007</nct_id></id_info>
<brief_title>Pioglitazone and bladder cancer</brief_title>
<arm_group><arm_group_label>Ever User of Pioglitazone</arm_group_label></arm_group>
<arm_group><arm_group_label>Never User of Pioglitazone</arm_group_label></arm_group>
<arm_group><arm_group_label>Non-users of Pioglitazone</arm_group_label></arm_group>
<intervention><intervention_type>Drug</intervention_type><intervention_name>Pioglitazone</intervention_name>
<arm_group_label>Ever User of Pioglitazone</arm_group_label><arm_group_label>Non-users of Pioglitazone</arm_group_label></intervention>
</clinical_study>)";
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovXml("x.xml", xml, RealOntology(), &docs).ok());
  const std::vector<Arm>& arms = docs.at(0).stated_trials.at(0).arms;
  ASSERT_EQ(arms.size(), 3u);
  EXPECT_EQ(arms[0].regimen.drugs, std::vector<std::string>{"pioglitazone"});
  EXPECT_TRUE(arms[1].regimen.drugs.empty());
  EXPECT_TRUE(arms[2].regimen.drugs.empty());
}

// A double-dummy record's "Matching placebo enalapril" is enalapril's dummy,
// no drug of the arm it is given to; "Placebo + docetaxel" gives docetaxel.
TEST(CtgovXml, MatchingPlaceboOfADrugIsNoDrug) {
  const std::string xml = R"(<clinical_study><id_info><nct_id>NCT00000003</nct_id></id_info>
<brief_title>Sacubitril/valsartan versus enalapril</brief_title>
<arm_group><arm_group_label>LCZ696</arm_group_label></arm_group>
<arm_group><arm_group_label>Enalapril</arm_group_label></arm_group>
<arm_group><arm_group_label>Docetaxel</arm_group_label></arm_group>
<intervention><intervention_type>Drug</intervention_type><intervention_name>sacubitril/valsartan</intervention_name>
<arm_group_label>LCZ696</arm_group_label></intervention>
<intervention><intervention_type>Drug</intervention_type><intervention_name>matching placebo enalapril</intervention_name>
<arm_group_label>LCZ696</arm_group_label></intervention>
<intervention><intervention_type>Drug</intervention_type><intervention_name>enalapril</intervention_name>
<arm_group_label>Enalapril</arm_group_label></intervention>
<intervention><intervention_type>Drug</intervention_type><intervention_name>Placebo to match sacubitril/valsartan</intervention_name>
<arm_group_label>Enalapril</arm_group_label></intervention>
<intervention><intervention_type>Drug</intervention_type><intervention_name>Placebo + docetaxel</intervention_name>
<arm_group_label>Docetaxel</arm_group_label></intervention>
</clinical_study>)";
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovXml("x.xml", xml, RealOntology(), &docs).ok());
  const std::vector<Arm>& arms = docs.at(0).stated_trials.at(0).arms;
  ASSERT_EQ(arms.size(), 3u);
  EXPECT_EQ(arms[0].regimen.drugs, (std::vector<std::string>{"sacubitril", "valsartan"}));
  EXPECT_EQ(arms[1].regimen.drugs, std::vector<std::string>{"enalapril"});
  EXPECT_EQ(arms[2].regimen.drugs, std::vector<std::string>{"docetaxel"});
}

// An event's grade is the last part of its term ("hyponatremia, grade 4") or its note ("grade 3"); a grade inside the
// term names another event's ("Infection with grade 3 or 4 neutropenia").
TEST(CtgovXml, EventGradesFromTermAndNote) {
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovXml("NCT01065844.xml", Slurp(kDir + "xml/NCT01065844.xml"), RealOntology(), &docs).ok());
  const std::vector<AdverseEvent>& events = docs.at(0).stated_trials.at(0).adverse_events;
  auto grade = [&](const std::string& name) {
    auto it = std::find_if(events.begin(), events.end(), [&](const AdverseEvent& e) { return e.name == name; });
    return it == events.end() ? std::optional<std::string>("absent") : it->grade;
  };
  EXPECT_EQ(grade("hyponatremia"), "4");                 // "hyponatremia, grade 4"
  EXPECT_EQ(grade("thrombocytopenia"), "3");             // "platelet count decreased", note "grade 3"
  EXPECT_EQ(grade("transaminase increase"), "3");        // "Investigations - Other, liver enzymes increased, grade 3"
  std::vector<SourceDocument> other;
  ASSERT_TRUE(ReadCtgovXml("NCT00023673.xml", Slurp(kDir + "xml/NCT00023673.xml"), RealOntology(), &other).ok());
  for (const AdverseEvent& e : other.at(0).stated_trials.at(0).adverse_events)
    EXPECT_FALSE(e.name == "infection" && e.grade == "3-4") << "the grade of the neutropenia it came with";
}

// Every row of the event tables is an adverse event, by its curated name or
// its own; totals rows are not events, and an arm where nobody had it reports none.
TEST(CtgovXml, EveryTableRowIsAnEventButTotalsAndZeros) {
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovXml("NCT01841593.xml", Slurp(kDir + "xml/NCT01841593.xml"), RealOntology(), &docs).ok());
  std::vector<std::string> names;
  for (const AdverseEvent& e : docs.at(0).stated_trials.at(0).adverse_events) {
    EXPECT_GT(e.value.value_or(0), 0) << e.name;
    names.push_back(e.name);
  }
  EXPECT_TRUE(Has(names, "gingivitis")) << "uncurated MedDRA term";
  EXPECT_TRUE(Has(names, "headache"));
  for (const std::string& name : names) EXPECT_FALSE(name.starts_with("total")) << name;
}

// A measure split by categories ("Tumor Progression": "Complete reponse (CR)", "Partial response (PR)", "Stable
// disease (SD)") gives each category that names a kind its endpoint; a count of participants is a count of those
// analyzed.
TEST(CtgovXml, CategoriesNameTheirKinds) {
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovXml("NCT01065844.xml", Slurp(kDir + "xml/NCT01065844.xml"), RealOntology(), &docs).ok());
  const std::vector<Endpoint>& endpoints = docs.at(0).stated_trials.at(0).endpoints;
  ASSERT_EQ(endpoints.size(), 2u);
  EXPECT_EQ(endpoints[0].kind, "complete remission");
  EXPECT_EQ(endpoints[1].kind, "partial response");
  for (const Endpoint& e : endpoints) {
    EXPECT_EQ(e.statistic, "count");
    EXPECT_EQ(e.count, 0);
    EXPECT_EQ(e.of, 11);
    EXPECT_TRUE(e.primary);
  }
}

// A category of those who did not reach the measure's kind ("No response" first, "Not in complete remission")
// counts no endpoint; the category that names the kind does.
TEST(CtgovXml, DeniedCategoriesCountNoEndpoint) {
  const std::string xml = R"(<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info>
<brief_title>Blinatumomab in relapsed ALL</brief_title><clinical_results><outcome_list><outcome>
<type>Primary</type><title>Overall Response</title><time_frame>12 weeks</time_frame>
<group_list><group group_id="O1"><title>Blinatumomab</title></group></group_list>
<measure><title>Overall Response</title><units>Participants</units><param>Count of Participants</param>
<analyzed_list><analyzed><count_list><count group_id="O1" value="20"/></count_list></analyzed></analyzed_list>
<class_list><class><category_list>
<category><title>No response</title><measurement_list><measurement group_id="O1" value="8"/></measurement_list></category>
<category><title>Not in complete remission</title><measurement_list><measurement group_id="O1" value="11"/></measurement_list></category>
<category><title>Complete remission</title><measurement_list><measurement group_id="O1" value="9"/></measurement_list></category>
</category_list></class></class_list></measure></outcome></outcome_list></clinical_results></clinical_study>)";
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovXml("x.xml", xml, RealOntology(), &docs).ok());
  const std::vector<Endpoint>& endpoints = docs.at(0).stated_trials.at(0).endpoints;
  ASSERT_EQ(endpoints.size(), 1u);
  EXPECT_EQ(endpoints[0].kind, "complete remission");
  EXPECT_EQ(endpoints[0].value, 9);
}

TEST(CtgovXml, MalformedXmlIsAnError) {
  std::vector<SourceDocument> docs;
  Status st = ReadCtgovXml("x.xml", "<clinical_study>\n<brief_title>x</brief_title>\n<oops>", RealOntology(), &docs);
  EXPECT_TRUE(st.IsInvalidArgument());
  EXPECT_NE(st.message().find("line"), std::string::npos) << st.message();
}

TEST(CtgovJson, ReadsV2StudyWithResults) {
  std::vector<SourceDocument> docs;
  Status st = ReadCtgovJson("NCT03478891.json", Slurp(kDir + "json/NCT03478891.json"), RealOntology(), &docs);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(docs.size(), 1u);
  const Trial& t = docs[0].stated_trials.at(0);
  EXPECT_EQ(docs[0].format, "ctgov-json");
  EXPECT_EQ(t.registry_ids.front(), "NCT03478891");
  EXPECT_EQ(t.phase, "1");
  EXPECT_EQ(t.enrolled, 19);
  EXPECT_TRUE(Has(t.design, "nonrandomized"));
  EXPECT_TRUE(Has(t.design, "open-label"));
  ASSERT_EQ(t.arms.size(), 3u);
  EXPECT_EQ(t.arms[0].label, "Group 1: 5 mg/kg IV");
  EXPECT_EQ(t.arms[0].n, 3);
  EXPECT_EQ(t.arms[2].n, 11);
  EXPECT_NE(docs[0].text.find("Ebola"), std::string::npos);
  // Its measures (reactogenicity, pharmacokinetics) name no canonical endpoint kind.
  EXPECT_TRUE(t.endpoints.empty());
  EXPECT_FALSE(t.adverse_events.empty());
}

TEST(CtgovJson, ReadsFullStudiesResponse) {
  std::vector<SourceDocument> docs;
  Status st = ReadCtgovJson("NCT02028676.json", Slurp(kDir + "json/NCT02028676.json"), RealOntology(), &docs);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(docs.size(), 1u);
  const Trial& t = docs[0].stated_trials.at(0);
  EXPECT_EQ(docs[0].ids.nct, std::vector<std::string>{"NCT02028676"});
  EXPECT_EQ(t.names, std::vector<std::string>{"ARROW"});
  EXPECT_EQ(t.enrolled, 1206);
  EXPECT_TRUE(Has(t.design, "randomized"));
  EXPECT_FALSE(t.arms.empty());
  EXPECT_EQ(t.arms[0].n, 606);
}

// A legacy record's denominators (OutcomeDenomList) are the participants analyzed: "Number of Patients With
// Complete Response" is 3 of 53.
TEST(CtgovJson, LegacyCountIsOfThoseAnalyzed) {
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovJson("NCT00023673.json", Slurp(kDir + "json/NCT00023673.json"), RealOntology(), &docs).ok());
  const std::vector<Endpoint>& endpoints = docs.at(0).stated_trials.at(0).endpoints;
  auto cr = std::find_if(endpoints.begin(), endpoints.end(), [](const Endpoint& e) { return e.kind == "complete remission"; });
  ASSERT_NE(cr, endpoints.end());
  EXPECT_EQ(cr->statistic, "count");
  EXPECT_EQ(cr->count, 3);
  EXPECT_EQ(cr->of, 53);
  // A time frame that is no plain duration leaves the timepoint to the title: "... at 3 Months After Completion",
  // "Percentage of Patients Who Survive at Least 12 Months" (overall survival).
  EXPECT_EQ(cr->timepoint, "3 months");
  auto os = std::find_if(endpoints.begin(), endpoints.end(), [](const Endpoint& e) { return e.kind == "overall survival"; });
  ASSERT_NE(os, endpoints.end());
  EXPECT_DOUBLE_EQ(os->value, 75.5);
  EXPECT_EQ(os->timepoint, "12 months");
  EXPECT_EQ(os->of, 53);
}

TEST(CtgovJson, ReadsPageOfStudies) {
  std::string one = Slurp(kDir + "json/NCT00465816.json");
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovJson("page.json", "{\"studies\": [" + one + "," + one + "]}", RealOntology(), &docs).ok());
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].source, "page.json#NCT00465816");
}

// A record merged from another keeps both NCT numbers, so a paper citing
// either finds it; the record's own number stays first.
TEST(CtgovXml, NctAliasesAreIdsOfTheRecord) {
  const std::string xml = R"(<clinical_study><id_info><nct_id>NCT00000002</nct_id><nct_alias>NCT00000009</nct_alias>
</id_info><brief_title>Darunavir in HIV infection</brief_title></clinical_study>)";
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovXml("x.xml", xml, RealOntology(), &docs).ok());
  const std::vector<std::string> both = {"NCT00000002", "NCT00000009"};
  EXPECT_EQ(docs.at(0).ids.nct, both);
  EXPECT_EQ(docs.at(0).stated_trials.at(0).registry_ids, both);
}

TEST(CtgovJson, NctIdAliasesAreIdsOfTheRecord) {
  const std::string json = R"({"protocolSection": {"identificationModule": {"nctId": "NCT00000002",
    "nctIdAliases": ["NCT00000009"], "briefTitle": "Darunavir in HIV infection"}}})";
  std::vector<SourceDocument> docs;
  ASSERT_TRUE(ReadCtgovJson("x.json", json, RealOntology(), &docs).ok());
  EXPECT_EQ(docs.at(0).ids.nct, (std::vector<std::string>{"NCT00000002", "NCT00000009"}));
}

TEST(CtgovJson, MalformedJsonGivesPosition) {
  std::vector<SourceDocument> docs;
  Status st = ReadCtgovJson("x.json", "{\"protocolSection\": {\"x\": ]}", RealOntology(), &docs);
  EXPECT_TRUE(st.IsInvalidArgument());
  EXPECT_NE(st.message().find("malformed JSON at byte"), std::string::npos) << st.message();
  EXPECT_TRUE(docs.empty());
}

TEST(CtgovJson, LooksLikeCtgovJson) {
  EXPECT_TRUE(LooksLikeCtgovJson("  {\"protocolSection\": {}}"));
  EXPECT_TRUE(LooksLikeCtgovJson("{\"FullStudiesResponse\": {}}"));
  EXPECT_FALSE(LooksLikeCtgovJson("{\"name\": 1}"));
  EXPECT_FALSE(LooksLikeCtgovJson("protocolSection"));
}

}  // namespace
}  // namespace trialgraph::ingest
