"""Workshop kit: the learner's anonymous class-results export and the instructor's view of a
folder of such exports (course_lib.workshop.export / .classresults / .view)."""
