// Placeholder: the symptom checker's ranking lands here (issue 5).
namespace symptomdb::checker {}  // namespace symptomdb::checker
