#include "qa/intent.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <string_view>

namespace symptomdb::qa {
namespace {

struct CueSpec {
  const char* words;
  SectionType type;
  double weight;
  int side = 0;
  SectionType other_side = SectionType::other;
  SectionType alternative = SectionType::other;  // see Intent
  const char* evidence = "";
};

// Words an answer uses when it says whether a condition can be cured.
constexpr const char* kCureWords = "cure cured cures curable incurable";

using T = SectionType;

// How consumers ask for each kind of answer. Strong cues (2) name the kind
// outright; weak ones (1, or 0.5) only hint and lose to any strong cue.
// Longer cues win over the shorter ones they contain ("reduce the risk" is
// prevention, not "risk").
const CueSpec kCues[] = {
    // Context, not a question: "she was diagnosed with X", "he is being
    // treated for X". These claim their words so they ask nothing.
    {"diagnosed with", T::other, 0},
    {"recently diagnosed", T::other, 0},
    {"just diagnosed", T::other, 0},
    {"newly diagnosed", T::other, 0},
    {"diagnosed me", T::other, 0},
    {"diagnosed him", T::other, 0},
    {"diagnosed her", T::other, 0},
    {"was diagnosed", T::other, 0},
    {"been diagnosed", T::other, 0},
    {"got diagnosed", T::other, 0},
    {"is being treated", T::other, 0},
    {"was treated", T::other, 0},
    {"treated for", T::other, 0},
    {"told him", T::other, 0},
    {"told her", T::other, 0},
    {"told me", T::other, 0},
    {"doctor says", T::other, 0},
    {"doctor said", T::other, 0},
    {"doctor thinks", T::other, 0},
    {"says it", T::other, 0},
    {"been treated", T::other, 0},
    {"being treated", T::other, 0},
    // When one got a condition is the story, not a question about its
    // causes: "I was born with X and have many problems since" tells, where
    // "why are babies born with X" asks.
    {"was born with", T::other, 0},
    {"were born with", T::other, 0},
    {"wasn't born with", T::other, 0},
    {"is born with", T::other, 0},
    {"am born with", T::other, 0},
    // What was detected is the story, as what was diagnosed is: "it has
    // been detected in the water tank", "my brother is detected with it"
    // tell what was found, they do not ask how it is found ("how is it
    // detected?", "can it be detected with a blood test?" still do).
    {"detected with", T::other, 0},
    {"be detected with", T::exams_and_tests, 2},
    {"was detected", T::other, 0},
    {"were detected", T::other, 0},
    {"been detected", T::other, 0},
    // Symptoms one has are the story, not a question about symptoms.
    {"having symptoms", T::other, 0},
    {"had symptoms", T::other, 0},
    {"has symptoms", T::other, 0},
    {"i have symptoms", T::other, 0},
    {"my symptoms", T::other, 0},
    {"his symptoms", T::other, 0},
    {"her symptoms", T::other, 0},
    // Research the asker does (a school report) is not a question about
    // research on the condition.
    {"research paper", T::other, 0},
    {"research project", T::other, 0},
    {"research report", T::other, 0},
    {"research assignment", T::other, 0},
    {"doing research", T::other, 0},
    {"doing some research", T::other, 0},
    {"my research", T::other, 0},
    {"own research", T::other, 0},
    {"researching", T::other, 0},
    // Nor is a book the asker writes a request for one.
    {"write a book", T::other, 0},
    {"writing a book", T::other, 0},
    // Whether something helps a condition asks about treating it ("will
    // this drug help?", "can it help for X"); listed before the pleas below,
    // which claim "help me" first otherwise. "If you can help" is a plea.
    {"you can help", T::other, 0},
    {"you could help", T::other, 0},
    {"you would help", T::other, 0},
    {"you will help", T::other, 0},
    {"can help", T::treatment, 1.5},
    {"could help", T::treatment, 1.5},
    {"would help", T::treatment, 1.5},
    {"will help", T::treatment, 1.5},
    {"might help", T::treatment, 1.5},
    // Pleas for help ask for an answer, not for a treatment: "Can you help?",
    // "any help would be appreciated".
    {"please help", T::other, 0},
    {"can you help", T::other, 0},
    {"could you help", T::other, 0},
    {"can anyone help", T::other, 0},
    {"any help", T::other, 0},
    {"your help", T::other, 0},
    {"help me", T::other, 0},
    {"help us", T::other, 0},
    {"help me find", T::other, 0},
    {"help finding", T::other, 0},
    {"help in this", T::other, 0},
    // "Any information would be helpful" asks for information, not help
    // with the condition.
    {"helpful", T::other, 0},
    // Nor does information (or "anything else") that would help the asker:
    // the information helps, not a treatment ("any information that helps
    // further explore this", "anything else that might help me").
    {"information that helps", T::other, 0},
    {"information that might help", T::other, 0},
    {"information that may help", T::other, 0},
    {"information that could help", T::other, 0},
    {"information that would help", T::other, 0},
    {"information that will help", T::other, 0},
    {"anything else that might help", T::other, 0},
    {"anything else that may help", T::other, 0},
    {"anything else that could help", T::other, 0},
    {"anything else that would help", T::other, 0},
    // overview
    {"what is", T::overview, 1},
    {"what are", T::overview, 1},
    {"what is a", T::overview, 1},
    {"tell me about", T::overview, 2},
    {"information about", T::overview, 2},
    {"information on", T::overview, 2},
    {"info on", T::overview, 2},
    // Help asked for beside information ("where can I get information and
    // help for X") is support in general, not a question about treatment.
    {"information and help", T::overview, 2},
    {"information and support", T::overview, 2},
    {"help and information", T::overview, 2},
    {"support and information", T::overview, 2},
    {"explain", T::overview, 1},
    {"definition", T::overview, 2},
    {"define", T::overview, 2},
    {"meaning of", T::overview, 2},
    {"what does mean", T::overview, 2},
    {"learn about", T::overview, 2},
    {"know about", T::overview, 1},
    {"overview", T::overview, 2},
    {"what kind of", T::overview, 1},
    {"what type of", T::overview, 1},
    {"i have heard of", T::overview, 1},
    {"never heard of", T::overview, 1},
    // Something to read about a condition ("I'm looking for books about
    // hypotension", "send me any pamphlets") asks what the condition is: a
    // book or a leaflet is an overview, whatever else the asker suggests it
    // might hold. ("Article" is left out: "I read your article" is the
    // story more often than a request.)
    {"a book", T::overview, 2},
    {"books", T::overview, 2},
    {"literature", T::overview, 2},
    {"pamphlet", T::overview, 2},
    {"pamphlets", T::overview, 2},
    {"brochure", T::overview, 2},
    {"brochures", T::overview, 2},
    {"leaflet", T::overview, 2},
    {"leaflets", T::overview, 2},
    // Whether two conditions go together ("is there a link between X and
    // Y", "is X related to Y") asks what each is: no one kind of answer
    // holds the link, and the overview of the focus says what it goes with.
    {"link between", T::overview, 2},
    {"connection between", T::overview, 2},
    {"correlation between", T::overview, 2},
    {"relationship between", T::overview, 2},
    {"relation between", T::overview, 2},
    {"association between", T::overview, 2},
    {"related to", T::overview, 2},
    {"related with", T::overview, 2},
    {"connected to", T::overview, 2},
    {"connected with", T::overview, 2},
    {"linked to", T::overview, 2},
    {"linked with", T::overview, 2},
    // causes
    {"cause", T::causes, 2},
    {"causes", T::causes, 2},
    {"caused", T::causes, 2},
    {"causing", T::causes, 2},
    {"why do", T::causes, 1.5},
    {"why does", T::causes, 1.5},
    {"why did", T::causes, 1.5},
    {"why am i", T::causes, 1.5},
    {"why would", T::causes, 1},
    // Asking to be told why something is so asks its cause, wherever the
    // verb comes after "why" ("tell me why the body would be so weak").
    {"tell me why", T::causes, 1.5},
    {"tell us why", T::causes, 1.5},
    {"know why", T::causes, 1.5},
    {"explain why", T::causes, 1.5},
    {"wondering why", T::causes, 1.5},
    {"understand why", T::causes, 1.5},
    {"reason", T::causes, 1.5},
    {"reasons", T::causes, 1.5},
    {"trigger", T::causes, 1.5},
    {"triggers", T::causes, 1.5},
    {"what makes", T::causes, 1.5},
    {"sets off", T::causes, 2},
    {"set off", T::causes, 2},
    {"born with", T::causes, 1.5},
    {"end up with", T::causes, 1.5},
    {"how do you get", T::causes, 2},
    {"how do i get", T::causes, 1.5},
    {"how does someone get", T::causes, 2},
    {"how do people get", T::causes, 2},
    {"how did i get", T::causes, 2},
    {"how did he get", T::causes, 2},
    {"how did she get", T::causes, 2},
    {"how i got", T::causes, 2},
    {"how he got", T::causes, 2},
    {"how she got", T::causes, 2},
    {"how can you get", T::causes, 2},
    {"how can i catch", T::causes, 2},
    {"how do you catch", T::causes, 2},
    {"where does come from", T::causes, 2},
    {"come from", T::causes, 1},
    {"brings on", T::causes, 1.5},
    {"what leads to", T::causes, 2, -1, T::complications},
    {"lead to", T::causes, 1.5, -1, T::complications},
    {"leads to", T::causes, 1.5, -1, T::complications},
    {"result in", T::causes, 1, -1, T::complications},
    // "Create" is a verb of causing as these are: "can that create blood in
    // urine?" asks what causes it; what a condition creates is its
    // complication. ("Creative", "creatinine" are other words.)
    {"create", T::causes, 1, -1, T::complications},
    {"to blame", T::causes, 1},
    {"etiology", T::causes, 2},
    {"responsible for", T::causes, 1},
    // symptoms
    {"symptom", T::symptoms, 2},
    {"symptoms", T::symptoms, 2},
    {"sign", T::symptoms, 2},
    {"signs", T::symptoms, 2},
    {"warning signs", T::symptoms, 2},
    {"how do i know if", T::symptoms, 2},
    {"how do you know if", T::symptoms, 2},
    {"how can i tell if", T::symptoms, 2},
    {"how would i know", T::symptoms, 2},
    {"how can you tell", T::symptoms, 2},
    {"do i have", T::symptoms, 1},
    {"could i have", T::symptoms, 1},
    {"feel like", T::symptoms, 1.5},
    {"look like", T::symptoms, 1.5},
    {"looks like", T::symptoms, 1.5},
    {"sound like", T::symptoms, 1.5},
    {"sounds like", T::symptoms, 1.5},
    {"what happens", T::symptoms, 1},
    {"first signs", T::symptoms, 2},
    {"early signs", T::symptoms, 2},
    {"telltale", T::symptoms, 1.5},
    {"what are the effects", T::symptoms, 1},
    {"affect the body", T::symptoms, 1},
    {"manifestations", T::symptoms, 2},
    {"features", T::symptoms, 1},
    // exams and tests
    // A genetic test is a test: "where can I get genetic testing for X"
    // asks how X is diagnosed, not how it is inherited.
    {"genetic test", T::exams_and_tests, 2.5},
    {"genetic tests", T::exams_and_tests, 2.5},
    {"genetic testing", T::exams_and_tests, 2.5},
    {"genetically tested", T::exams_and_tests, 2.5},
    {"genetic screening", T::exams_and_tests, 2.5},
    {"diagnose", T::exams_and_tests, 2},
    {"diagnosed", T::exams_and_tests, 2},
    {"diagnosis", T::exams_and_tests, 2},
    {"diagnosing", T::exams_and_tests, 2},
    {"test", T::exams_and_tests, 2},
    {"tests", T::exams_and_tests, 2},
    {"tested", T::exams_and_tests, 2},
    {"testing", T::exams_and_tests, 2},
    {"exam", T::exams_and_tests, 2},
    {"examination", T::exams_and_tests, 2},
    {"detect", T::exams_and_tests, 2},
    {"detected", T::exams_and_tests, 2},
    {"screening", T::exams_and_tests, 2},
    {"screened", T::exams_and_tests, 2},
    {"check for", T::exams_and_tests, 1.5},
    {"find out if", T::exams_and_tests, 1.5},
    {"confirm", T::exams_and_tests, 1.5},
    {"scan", T::exams_and_tests, 1.5},
    {"biopsy", T::exams_and_tests, 1.5},
    {"blood work", T::exams_and_tests, 1.5},
    {"how do doctors know", T::exams_and_tests, 2},
    {"how do doctors tell", T::exams_and_tests, 2},
    // "Figure out what it is" asks what it is, not how it is diagnosed.
    {"figure out what", T::overview, 1},
    {"figure out", T::exams_and_tests, 1.5},
    {"work out", T::exams_and_tests, 1.5},
    {"how can they tell", T::exams_and_tests, 2},
    {"can they tell", T::exams_and_tests, 2},
    {"can they even tell", T::exams_and_tests, 2},
    {"find out", T::exams_and_tests, 1},
    {"identify", T::exams_and_tests, 1},
    // treatment
    {"treat", T::treatment, 2},
    {"treated", T::treatment, 2},
    {"treating", T::treatment, 2},
    {"treatment", T::treatment, 2},
    {"treatments", T::treatment, 2},
    {"treatment options", T::treatment, 2},
    {"cure", T::treatment, 2},
    {"cured", T::treatment, 2},
    {"therapy", T::treatment, 2},
    {"therapies", T::treatment, 2},
    // Gene therapy is a treatment, not a question about genes.
    {"gene therapy", T::treatment, 2.5},
    {"gene therapies", T::treatment, 2.5},
    {"effective", T::treatment, 1.5},
    {"effectiveness", T::treatment, 1.5},
    // How well a treatment works: "how successful was it", "its success rate".
    {"how successful", T::treatment, 1.5},
    {"success rate", T::treatment, 1.5},
    {"success rates", T::treatment, 1.5},
    {"medicine", T::treatment, 2},
    {"medicines", T::treatment, 2},
    {"medication", T::treatment, 2},
    {"medications", T::treatment, 2},
    {"drug", T::treatment, 1.5},
    {"drugs", T::treatment, 1.5},
    {"pill", T::treatment, 1},
    {"pills", T::treatment, 1},
    // The other forms a medicine comes in are pills too: "I heard about a
    // tablet named X, will it suit me", "skin creams that have effects on
    // it" ask for the treatment. ("Cream" alone is also food: only the
    // plural counts.)
    {"tablet", T::treatment, 1},
    {"tablets", T::treatment, 1},
    {"capsule", T::treatment, 1},
    {"capsules", T::treatment, 1},
    {"creams", T::treatment, 1},
    {"ointment", T::treatment, 1},
    {"ointments", T::treatment, 1},
    {"manage", T::treatment, 2},
    {"managed", T::treatment, 2},
    {"managing", T::treatment, 2},
    {"management", T::treatment, 2},
    {"relief", T::treatment, 2},
    {"relieve", T::treatment, 2},
    {"solution", T::treatment, 1.5},
    {"solutions", T::treatment, 1.5},
    {"get rid of", T::treatment, 2},
    {"how do i get rid of", T::treatment, 2.5},
    {"how do you get rid of", T::treatment, 2.5},
    {"how to get rid of", T::treatment, 2.5},
    {"how can i get rid of", T::treatment, 2.5},
    {"what helps", T::treatment, 2},
    {"what can help", T::treatment, 2},
    {"be done to prevent", T::prevention, 2.5},
    {"be done", T::treatment, 1.5},
    {"bring it down", T::treatment, 2},
    {"other ways to", T::treatment, 1},
    {"what will help", T::treatment, 2},
    {"anything help", T::treatment, 2},
    {"remedy", T::treatment, 2},
    {"remedies", T::treatment, 2},
    {"what can be done", T::treatment, 2},
    {"what can i do", T::treatment, 1.5},
    {"what can we do", T::treatment, 1.5},
    {"what should i do", T::treatment, 1},
    // What to do about a problem, and asking to solve or overcome it, ask
    // for a remedy as "what should I do" does.
    {"what to do", T::treatment, 1},
    {"have to do", T::treatment, 1},
    {"solve", T::treatment, 1.5},
    {"overcome", T::treatment, 1.5},
    {"suggestion", T::treatment, 1},
    {"suggestions", T::treatment, 1},
    {"suggest", T::treatment, 1},
    // A physician who specialises in a condition is one who treats it; asked
    // for beside information on it or another kind ("how is it diagnosed, and
    // how can I find physicians who specialize in it"), the treatment is asked
    // too. "Specialist" alone stays weak: the story mentions one often.
    {"specialize in", T::treatment, 1.5},
    {"specializes in", T::treatment, 1.5},
    {"specializing in", T::treatment, 1.5},
    {"specialise in", T::treatment, 1.5},
    {"specialises in", T::treatment, 1.5},
    {"specialist", T::treatment, 1},
    {"specialists", T::treatment, 1},
    {"surgery", T::treatment, 1.5},
    // A procedure done for a condition is a treatment of it, as surgery is.
    {"procedure", T::treatment, 1.5},
    {"procedures", T::treatment, 1.5},
    {"operation", T::treatment, 1},
    {"fix", T::treatment, 1.5},
    {"heal", T::treatment, 1.5},
    {"help", T::treatment, 0.5},
    {"helps", T::treatment, 0.5},
    {"anything that helps", T::treatment, 2},
    {"anything that can help", T::treatment, 2},
    // Dealing with a condition now is the story ("we are dealing with X",
    // "I have been dealing with it for years"), as being treated is.
    {"am dealing with", T::other, 0},
    {"are dealing with", T::other, 0},
    {"is dealing with", T::other, 0},
    {"was dealing with", T::other, 0},
    {"were dealing with", T::other, 0},
    {"been dealing with", T::other, 0},
    {"deal with", T::treatment, 1.5},
    {"cope with", T::treatment, 1.5},
    {"coping", T::treatment, 1},
    {"ease", T::treatment, 1.5},
    {"best way to", T::treatment, 1},
    {"options", T::treatment, 1},
    // Asking what else to take ("any more tolerable replacements?", "any
    // alternatives?"): a weak cue, so that alternatives named beside another
    // kind ("non-invasive alternatives in diagnosing it") ask that kind.
    {"replacements", T::treatment, 1},
    // Whether one could (or should) use something for it asks for a
    // treatment, weakly; what the answerer feels the asker could use is the
    // answer itself ("any literature you feel I could use").
    {"you feel i could use", T::other, 0},
    {"you think i could use", T::other, 0},
    {"could use", T::treatment, 1},
    {"can i use", T::treatment, 1},
    {"should i use", T::treatment, 1},
    {"can she use", T::treatment, 1},
    {"can he use", T::treatment, 1},
    {"could she use", T::treatment, 1},
    {"could he use", T::treatment, 1},
    // Whether something can (or should) be prescribed for it asks for a
    // treatment as whether one could use it does ("can daytrana be
    // prescribed for my son who has ADHD?"); being prescribed something is
    // the story ("I was prescribed ...": no "be").
    {"be prescribed", T::treatment, 1},
    {"alternatives", T::treatment, 1},
    {"stop it", T::treatment, 1},
    {"make it go away", T::treatment, 1.5},
    {"improve", T::treatment, 1},
    {"control", T::treatment, 1},
    {"get better", T::treatment, 1},
    {"care for", T::treatment, 1},
    {"rehabilitation", T::treatment, 1.5},
    {"exercises", T::treatment, 1},
    // prevention
    {"prevent", T::prevention, 2},
    {"prevented", T::prevention, 2},
    {"preventing", T::prevention, 2},
    {"prevention", T::prevention, 2},
    {"avoid", T::prevention, 2},
    {"avoiding", T::prevention, 2},
    {"reduce the risk", T::prevention, 2.5},
    {"reduce my risk", T::prevention, 2.5},
    {"lower the risk", T::prevention, 2.5},
    {"lower my risk", T::prevention, 2.5},
    {"lower my chances", T::prevention, 2.5},
    {"reduce my chances", T::prevention, 2.5},
    {"protect", T::prevention, 2},
    {"keep from getting", T::prevention, 2.5},
    {"stop from getting", T::prevention, 2.5},
    {"stop getting", T::prevention, 2.5},
    {"stop them coming", T::prevention, 2.5},
    {"in the first place", T::prevention, 2},
    {"keep it from", T::prevention, 2},
    {"from coming back", T::prevention, 2},
    {"stop him from", T::prevention, 2},
    {"stop her from", T::prevention, 2},
    {"stop them from", T::prevention, 2},
    {"stop me from", T::prevention, 2},
    {"not get", T::prevention, 1},
    {"vaccine", T::prevention, 1.5},
    {"vaccination", T::prevention, 1.5},
    {"vaccinated", T::prevention, 1.5},
    {"immunization", T::prevention, 1.5},
    {"ward off", T::prevention, 2},
    {"stay safe", T::prevention, 1},
    // outlook
    {"outlook", T::outlook, 2},
    {"prognosis", T::outlook, 2},
    {"life expectancy", T::outlook, 2.5},
    {"survival", T::outlook, 2},
    {"survive", T::outlook, 2},
    {"go away", T::outlook, 1.5},
    {"goes away", T::outlook, 1.5},
    {"how long will", T::outlook, 1.5},
    {"how long does it last", T::outlook, 2},
    {"fatal", T::outlook, 2},
    {"deadly", T::outlook, 2},
    // Whether it will cause death asks whether it is fatal, not what causes it.
    {"cause death", T::outlook, 2},
    {"causes death", T::outlook, 2},
    {"die from", T::outlook, 2},
    {"die of", T::outlook, 2},
    {"life threatening", T::outlook, 2},
    {"recover", T::outlook, 1.5},
    {"recovery", T::outlook, 1.5},
    {"chances", T::outlook, 1},
    {"future", T::outlook, 1},
    {"expect", T::outlook, 1.5},
    {"permanent", T::outlook, 1.5},
    {"long term", T::outlook, 1},
    {"get worse", T::outlook, 1.5},
    {"gets worse", T::outlook, 1.5},
    {"progress", T::outlook, 1},
    {"live a normal life", T::outlook, 2},
    {"how long can", T::outlook, 1.5},
    {"outcome", T::outlook, 2},
    {"serious", T::outlook, 1},
    {"how long", T::outlook, 1.5},
    {"what are the chances", T::outlook, 2},
    {"get back to", T::outlook, 1.5},
    {"dangerous", T::outlook, 1.5},
    // Whether it can be cured: a treatment section says so of most
    // conditions ("there is no cure"), an outlook section of others
    // (cancers: "can usually be cured"); the engine reads which.
    {"be cured", T::treatment, 2, 0, T::other, T::outlook, kCureWords},
    {"curable", T::treatment, 2, 0, T::other, T::outlook, kCureWords},
    {"be okay", T::outlook, 1.5},
    {"be ok", T::outlook, 1.5},
    {"feel normal again", T::outlook, 2},
    {"survival rate", T::outlook, 2.5},
    // Not "last" alone: "for the last two years" tells, it does not ask.
    {"it last", T::outlook, 1.5},
    {"they last", T::outlook, 1.5},
    {"will last", T::outlook, 1.5},
    {"grow out of", T::outlook, 2},
    {"outgrow", T::outlook, 2},
    // who is at risk
    {"who gets", T::susceptibility, 2},
    {"who get", T::susceptibility, 2},
    // Whether and how a condition passes from one person to another:
    // MedQuAD says so under "Who is at risk for ...?" (CDC's answers on
    // transmission are its susceptibility pairs), not under causes.
    {"contagious", T::susceptibility, 2},
    {"infectious to", T::susceptibility, 2},
    {"transmitted", T::susceptibility, 2},
    {"transmissible", T::susceptibility, 2},
    {"transmission", T::susceptibility, 2},
    {"pass it on", T::susceptibility, 2},
    {"spread to others", T::susceptibility, 2},
    {"spread from person", T::susceptibility, 2},
    // Spreading within the body ("spread all the way up the leg", "spreading
    // all over my arms", "spread into the bone") is how far it has grown,
    // not whether it passes to others.
    {"spread all", T::other, 0},
    {"spread up", T::other, 0},
    {"spread down", T::other, 0},
    {"spread over", T::other, 0},
    {"spread into", T::other, 0},
    {"spread throughout", T::other, 0},
    {"spread", T::susceptibility, 1.5},
    {"catch it", T::susceptibility, 1.5},
    // "I do not want to expose anyone to it": whether it passes to others.
    {"expose", T::susceptibility, 1.5},
    {"who is at risk", T::susceptibility, 2.5},
    {"who are at risk", T::susceptibility, 2.5},
    {"at risk", T::susceptibility, 2},
    {"risk", T::susceptibility, 1},
    {"risk factors", T::susceptibility, 2},
    {"more likely", T::susceptibility, 2},
    {"most likely", T::susceptibility, 2},
    {"susceptible", T::susceptibility, 2},
    {"who can get", T::susceptibility, 2},
    {"who is affected", T::susceptibility, 1.5},
    {"who develops", T::susceptibility, 2},
    {"am i at risk", T::susceptibility, 2.5},
    {"higher chance", T::susceptibility, 2},
    {"prone", T::susceptibility, 2},
    {"who tends to get", T::susceptibility, 2.5},
    {"tend to get", T::susceptibility, 2},
    // genetics
    {"inherit", T::genetics, 2},
    {"inherited", T::genetics, 2},
    {"inheritance", T::genetics, 2},
    {"genetic", T::genetics, 2},
    {"hereditary", T::genetics, 2},
    {"run in families", T::genetics, 2.5},
    {"runs in families", T::genetics, 2.5},
    {"run in the family", T::genetics, 2.5},
    {"runs in the family", T::genetics, 2.5},
    {"runs in my family", T::genetics, 2.5},
    {"pass on", T::genetics, 2},
    {"pass it on", T::genetics, 2},
    {"passed down", T::genetics, 2},
    {"passed on", T::genetics, 2},
    {"gene", T::genetics, 2},
    {"genes", T::genetics, 2},
    {"mutation", T::genetics, 2},
    {"carrier", T::genetics, 2},
    {"carriers", T::genetics, 2},
    // To carry a gene, a mutation, a translocation: the verb of the carrier,
    // a weak cue. Carrying a pregnancy is not.
    {"carry the baby", T::other, 0},
    {"carry a baby", T::other, 0},
    {"carry to term", T::other, 0},
    {"carry", T::genetics, 1},
    {"carries", T::genetics, 1},
    {"carried", T::genetics, 1},
    {"dna", T::genetics, 1.5},
    {"chromosome", T::genetics, 1.5},
    {"my children get", T::genetics, 1.5},
    {"my kids get", T::genetics, 1.5},
    // Whether the next child will have it asks how it is inherited: "future
    // offspring", and weakly "another baby", "can she have normal children".
    {"offspring", T::genetics, 1.5},
    {"another baby", T::genetics, 1},
    {"next baby", T::genetics, 1},
    {"second baby", T::genetics, 1},
    {"2nd baby", T::genetics, 1},
    {"normal children", T::genetics, 1},
    {"healthy children", T::genetics, 1},
    // complications
    {"complication", T::complications, 2},
    {"complications", T::complications, 2},
    {"other problems", T::complications, 1.5},
    {"go wrong", T::complications, 1.5},
    {"risks of", T::complications, 1},
    // "The risk of developing X", "what is the risk of getting it", "the
    // risk of having it": a verb of getting right after "risk of" asks the
    // chance of getting the condition, who is at risk, as plainly as "risk
    // factors" does; "the risks of X" alone stays a weak cue for what X
    // brings (its complications: "the risks of smoking").
    {"risk of developing", T::susceptibility, 2},
    {"risk of getting", T::susceptibility, 2},
    {"risk of having", T::susceptibility, 2},
    {"side effects", T::complications, 1.5},
    {"long term effects", T::complications, 2},
    {"damage", T::complications, 1},
    {"long term problems", T::complications, 2},
    {"after effect", T::complications, 2},
    {"after effects", T::complications, 2},
    {"aftereffects", T::complications, 2},
    // how common
    {"how common", T::frequency, 2.5},
    {"how many people", T::frequency, 2.5},
    {"prevalence", T::frequency, 2.5},
    {"how rare", T::frequency, 2.5},
    {"is it rare", T::frequency, 2},
    {"how often", T::frequency, 1.5},
    {"how frequent", T::frequency, 2.5},
    {"incidence", T::frequency, 2},
    {"number of people", T::frequency, 2},
    {"is it common", T::frequency, 2},
    {"how widespread", T::frequency, 2},
    {"how many americans", T::frequency, 2.5},
    // when to see a doctor
    {"when should i see", T::when_to_see_a_doctor, 2.5},
    {"see a doctor", T::when_to_see_a_doctor, 2},
    {"see my doctor", T::when_to_see_a_doctor, 2},
    {"call a doctor", T::when_to_see_a_doctor, 2},
    {"call my doctor", T::when_to_see_a_doctor, 2},
    {"go to the er", T::when_to_see_a_doctor, 2},
    {"go to the hospital", T::when_to_see_a_doctor, 2},
    {"go to a doctor", T::when_to_see_a_doctor, 2},
    {"should i worry", T::when_to_see_a_doctor, 2},
    {"when to worry", T::when_to_see_a_doctor, 2},
    {"when to call", T::when_to_see_a_doctor, 2},
    {"when to seek", T::when_to_see_a_doctor, 2},
    {"need a doctor", T::when_to_see_a_doctor, 2},
    {"see a gp", T::when_to_see_a_doctor, 2},
    {"medical attention", T::when_to_see_a_doctor, 2},
    {"medical help", T::when_to_see_a_doctor, 2},
    {"urgent care", T::when_to_see_a_doctor, 1.5},
    {"how serious", T::outlook, 1.5},
    {"go to the doctor", T::when_to_see_a_doctor, 2},
    {"see the doctor", T::when_to_see_a_doctor, 2},
    {"to the doctor", T::when_to_see_a_doctor, 1.5},
    {"seen by a doctor", T::when_to_see_a_doctor, 2},
    {"checked out", T::when_to_see_a_doctor, 1.5},
    {"at what point", T::when_to_see_a_doctor, 1},
    {"when should", T::when_to_see_a_doctor, 1},
    // research
    {"research", T::research, 2},
    {"clinical trial", T::research, 2},
    {"clinical trials", T::research, 2},
    {"trial", T::research, 1.5},
    {"trials", T::research, 1.5},
    {"studies", T::research, 1.5},
    {"new treatments", T::research, 1.5},
    // What is new about a condition or its treatment: "the latest
    // development in its treatment", "any new developments".
    {"latest development", T::research, 2},
    {"latest developments", T::research, 2},
    {"new development", T::research, 2},
    {"new developments", T::research, 2},
    {"developments in", T::research, 1.5},
};

// Requests for information in general: they ask for an overview only when
// no kind of answer is named beside them.
constexpr std::string_view kGeneralRequests[] = {"tell me about",        "information about",
                                                 "information on",       "info on",
                                                 "learn about",          "know about",
                                                 "information and help", "information and support",
                                                 "help and information", "support and information"};

// The focus named as what causes, not as what is caused: "illnesses caused
// by smoking" (the focus right after "caused by"), "X may be a cause of Y",
// "X is one cause of Y" (the focus's own words, then only a linking verb and
// an article before "cause of"). Such a question asks what the focus leads to,
// its complications, as "can X cause Y" does; "what causes X", "X caused by
// Y", "the cause of X" and "what is the cause of it" still ask its causes.
bool focus_named_as_the_cause(const std::vector<text::Term>& terms, std::size_t cue,
                              std::size_t focus_begin, const std::vector<bool>& skip) {
  if (focus_begin == std::string::npos || cue >= terms.size()) return false;
  const std::string& w = terms[cue].surface;
  if (w == "caused")
    return cue + 2 == focus_begin && cue + 1 < terms.size() && terms[cue + 1].surface == "by";
  if ((w != "cause" && w != "causes") || focus_begin >= cue || cue + 1 >= terms.size() ||
      terms[cue + 1].surface != "of" || cue > skip.size())
    return false;
  // Back from the cue over the linking words to the focus's own words.
  std::size_t k = cue;
  while (k > focus_begin && !skip[k - 1]) --k;
  if (k == focus_begin || k == cue) return false;
  for (std::size_t j = k; j < cue; ++j) {
    const std::string& x = terms[j].surface;
    if (!(x == "may" || x == "might" || x == "can" || x == "could" || x == "be" || x == "is" ||
          x == "a" || x == "one" || x == "the"))
      return false;
  }
  return true;
}

// Whether people of an age or a kind can get the focus ("can a 40 year old
// get X", "can adults develop X", "could someone catch it") asks who gets
// it, as "who can get X" does. The people are named in ordinary words (an
// age, "adults", "children", "someone"); the verb of getting is followed by
// the focus's own words or by a word that points back to it ("it", "this").
// Not after a question word: "how can a child get X" asks how one gets it,
// "where can a person get tested" asks for a test. Returns the index of the
// verb, or npos.
std::size_t people_can_get_the_focus(const std::vector<text::Term>& terms, std::size_t i,
                                     const std::vector<bool>& skip) {
  constexpr auto npos = std::string::npos;
  const std::string& w = terms[i].surface;
  if ((w != "can" && w != "could") || skip.empty()) return npos;
  if (i > 0) {
    const std::string& b = terms[i - 1].surface;
    if (b == "how" || b == "where" || b == "what" || b == "when" || b == "why" || b == "who" ||
        b == "which")
      return npos;
  }
  static constexpr std::string_view kPeople[] = {
      "adult",     "adults",     "child",       "children", "kid",     "kids",    "people",
      "person",    "persons",    "someone",     "somebody", "anyone",  "anybody", "man",
      "men",       "woman",      "women",       "baby",     "babies",  "infant",  "infants",
      "toddler",   "toddlers",   "newborn",     "newborns", "teen",    "teens",   "teenager",
      "teenagers", "adolescent", "adolescents", "boy",      "boys",    "girl",    "girls",
      "male",      "males",      "female",      "females",  "elderly", "senior",  "seniors"};
  auto person = [](std::string_view s) {
    return std::find(std::begin(kPeople), std::end(kPeople), s) != std::end(kPeople);
  };
  auto age_word = [](std::string_view s) {
    if (s == "a" || s == "an" || s == "year" || s == "years" || s == "yr" || s == "yrs" ||
        s == "young" || s == "older" || s == "younger")
      return true;
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  bool people = false;
  std::size_t k = i + 1;
  for (; k < terms.size() && k <= i + 5; ++k) {
    const std::string& s = terms[k].surface;
    // "a 40 year old": the age names the person.
    const bool aged = s == "old" && k > i + 1 &&
                      (terms[k - 1].surface.starts_with("year") || terms[k - 1].surface == "yr" ||
                       terms[k - 1].surface == "yrs");
    if (person(s) || aged)
      people = true;
    else if (!age_word(s))
      break;
  }
  if (!people || k + 1 >= terms.size()) return npos;
  const std::string& verb = terms[k].surface;
  if (!(verb == "get" || verb.starts_with("develop") || verb == "catch" || verb == "contract" ||
        verb == "acquire"))
    return npos;
  const std::string& next = terms[k + 1].surface;
  const bool focus_next = k + 1 < skip.size() && skip[k + 1];
  if (!focus_next && next != "it" && next != "this" && next != "that" && next != "these" &&
      next != "those" && next != "them")
    return npos;
  return k;
}

}  // namespace

IntentDetector::IntentDetector(text::Analyzer& analyzer) {
  for (const auto& spec : kCues) {
    const bool general = std::find(std::begin(kGeneralRequests), std::end(kGeneralRequests),
                                   std::string_view(spec.words)) != std::end(kGeneralRequests);
    Cue cue{{},
            {},
            spec.type,
            spec.weight,
            spec.words,
            spec.side,
            spec.other_side,
            general,
            spec.alternative,
            spec.evidence};
    for (auto& t : analyzer.terms(spec.words)) {
      cue.stems.push_back(std::move(t.stem));
      cue.words.push_back(std::move(t.surface));
    }
    cues_.push_back(std::move(cue));
  }
  // Longest cues first, so a cue claims its words before a shorter one can.
  std::stable_sort(cues_.begin(), cues_.end(),
                   [](const Cue& a, const Cue& b) { return a.stems.size() > b.stems.size(); });
  for (std::size_t c = 0; c < cues_.size(); ++c)
    if (!cues_[c].stems.empty()) by_first_[cues_[c].stems.front()].push_back(c);
}

std::vector<Intent> IntentDetector::detect(const std::vector<text::Term>& terms,
                                           std::size_t focus_begin, const std::vector<bool>& skip,
                                           std::vector<bool>* cue_tokens,
                                           const std::vector<std::uint8_t>& asking) const {
  std::vector<bool> taken(terms.size(), false);
  for (std::size_t i = 0; i < skip.size() && i < taken.size(); ++i) taken[i] = skip[i];
  struct Hit {
    SectionType type;
    double weight;
    std::size_t pos;
    std::string cue;
    bool general;
    SectionType alternative;
    std::string evidence;
  };
  std::vector<Hit> hits;
  // "Can a 40 year old get X", "can adults develop X": who gets it. Its words
  // are claimed first, so the verb of getting is no part of another cue.
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const std::size_t verb = people_can_get_the_focus(terms, i, skip);
    if (verb == std::string::npos) continue;
    bool free = true;
    for (std::size_t k = i; k <= verb && free; ++k) free = !taken[k];
    if (!free) continue;
    for (std::size_t k = i; k <= verb; ++k) taken[k] = true;
    if (cue_tokens) {
      cue_tokens->resize(terms.size(), false);
      for (std::size_t k = i; k <= verb; ++k) (*cue_tokens)[k] = true;
    }
    hits.push_back(
        {SectionType::susceptibility, 2, i, "can ... get", false, SectionType::other, ""});
  }
  // Every place a cue's words appear, found through the cue's first word;
  // then claimed in the order of the cue list (longest first), so a cue
  // takes its words before a shorter one can.
  std::vector<std::pair<std::size_t, std::size_t>> found;  // (cue, position)
  for (std::size_t i = 0; i < terms.size(); ++i) {
    auto it = by_first_.find(terms[i].stem);
    if (it == by_first_.end()) continue;
    for (auto c : it->second) {
      const auto& stems = cues_[c].stems;
      if (i + stems.size() > terms.size()) continue;
      bool match = true;
      for (std::size_t k = 1; k < stems.size() && match; ++k) match = terms[i + k].stem == stems[k];
      // The stemmer joins words that ask different things ("medical" and
      // "medication" are both "medic"; "effects" and "effective"): a word
      // counts as the cue's only when it is written nearly as the cue's word
      // (all but its last two letters), as inflections are.
      for (std::size_t k = 0; k < stems.size() && match; ++k) {
        const std::string& w = cues_[c].words[k];
        const std::string& s = terms[i + k].surface;
        std::size_t common = 0;
        while (common < w.size() && common < s.size() && w[common] == s[common]) ++common;
        match = common + 2 >= w.size();
      }
      if (match) found.emplace_back(c, i);
    }
  }
  std::sort(found.begin(), found.end());
  for (const auto& [c, i] : found) {
    const Cue& cue = cues_[c];
    const std::size_t n = cue.stems.size();
    bool free = true;
    for (std::size_t k = 0; k < n && free; ++k) free = !taken[i + k];
    if (!free) continue;
    SectionType type = cue.type;
    if (cue.side != 0 && focus_begin != std::string::npos) {
      const bool before = i < focus_begin;
      if ((cue.side < 0 && !before) || (cue.side > 0 && before)) {
        if (cue.other_side == SectionType::other) continue;
        type = cue.other_side;
      }
    } else if (cue.side > 0) {
      continue;  // "X leads to" needs a focus to tell which side it is on
    }
    // "Can X cause Y?", "does X cause ...": the verb right after the focus's
    // own words asks what the focus leads to, as "can X lead to" does; "what
    // causes X", "X caused by Y" and "the cause of X" still ask its causes.
    if (type == SectionType::causes && terms[i].surface == "cause" &&
        focus_begin != std::string::npos && focus_begin < i && i <= skip.size()) {
      bool right_after = true;
      for (std::size_t k = focus_begin; k < i && right_after; ++k) right_after = skip[k];
      if (right_after) type = SectionType::complications;
    }
    if (type == SectionType::causes && focus_named_as_the_cause(terms, i, focus_begin, skip))
      type = SectionType::complications;
    for (std::size_t k = 0; k < n; ++k) taken[i + k] = true;
    if (cue_tokens) {
      cue_tokens->resize(terms.size(), false);
      for (std::size_t k = 0; k < n; ++k) (*cue_tokens)[i + k] = true;
    }
    if (cue.weight > 0)
      hits.push_back({type, cue.weight, i, cue.text, cue.general, cue.alternative, cue.evidence});
  }
  // Long messages tell a story and ask in one or two sentences: only the
  // cues of the sentences that ask most plainly count, when they have any.
  // ("My father was treated for years. Is it inherited?" asks about
  // inheritance; the treatment is the story.)
  if (!asking.empty()) {
    auto rank = [&](const Hit& h) {
      return h.pos < asking.size() ? asking[h.pos] : std::uint8_t{0};
    };
    std::uint8_t top = 0;
    for (const auto& h : hits) top = std::max(top, rank(h));
    std::erase_if(hits, [&](const Hit& h) { return rank(h) < top; });
  }
  // Sum the evidence per type; keep strong types, or the best weak one.
  std::map<SectionType, Intent> by_type;
  std::map<SectionType, double> strongest;  // the type's strongest single cue
  std::set<SectionType> general_cue, specific_cue;
  for (const auto& h : hits) {
    strongest[h.type] = std::max(strongest[h.type], h.weight);
    auto [it, fresh] = by_type.try_emplace(
        h.type, Intent{h.type, 0, h.pos, h.cue, h.general, h.alternative, h.evidence});
    // The other kind stands only while every cue for the type offers it:
    // "what are the treatments, and can it be cured?" asks for treatment.
    if (!fresh && h.alternative != it->second.alternative) {
      it->second.alternative = SectionType::other;
      it->second.evidence.clear();
    }
    it->second.weight += h.weight;
    if (h.pos < it->second.position) {
      it->second.position = h.pos;
      it->second.cue = h.cue;
    }
    // General when a request for information asks for the type and no
    // strong cue names it specifically: a weak "what are" beside
    // "information on" does not ("What are the causes of X? I am looking for
    // information on the causes of X" asks for the causes first).
    if (h.general) general_cue.insert(h.type);
    if (!h.general && h.weight >= 2) specific_cue.insert(h.type);
  }
  for (auto& [t, in] : by_type) in.general = general_cue.contains(t) && !specific_cue.contains(t);
  std::vector<Intent> out;
  double best = 0;
  for (auto& [t, in] : by_type) best = std::max(best, in.weight);
  for (auto& [t, in] : by_type)
    if (in.weight >= 1.5 || in.weight >= best) out.push_back(in);
  // "What are the symptoms of X" asks for symptoms, not an overview. A weak
  // overview cue stays beside other intents only when the focus follows it
  // directly ("What is X, and how is it treated?").
  if (out.size() > 1)
    std::erase_if(out, [&](const Intent& i) {
      // (Two weak cues, "what is the reason... what is your opinion", do
      // not make a strong one.)
      if (i.type != SectionType::overview || strongest[i.type] >= 2) return false;
      const bool names_focus = focus_begin != std::string::npos && focus_begin >= i.position &&
                               focus_begin <= i.position + 3;
      return !names_focus;
    });
  // In the order asked; a general request for information after the kinds
  // named with it ("information on X, including its treatment" asks for the
  // treatment first; the overview follows).
  std::sort(out.begin(), out.end(), [](const Intent& a, const Intent& b) {
    if (a.general != b.general) return b.general;
    return a.position != b.position ? a.position < b.position : a.weight > b.weight;
  });
  return out;
}

}  // namespace symptomdb::qa
