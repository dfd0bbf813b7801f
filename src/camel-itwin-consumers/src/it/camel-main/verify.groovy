// the checks every consumer project gets (src/it/check-runtime.groovy), run from target/it/NAME
evaluate(new File(basedir, '../../../src/it/check-runtime.groovy'))
