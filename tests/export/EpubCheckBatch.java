// Validates several EPUBs in one JVM (epubcheck's start-up dominates its run time).
// Run by tests/export/conftest.py with Java's source launcher:
//   java -cp /usr/share/java/epubcheck.jar EpubCheckBatch.java a.epub b.epub
// Prints "OK path" or "FAIL path" per file (epubcheck's messages go to stderr) and
// exits 1 if any file has an error or a fatal error.
import com.adobe.epubcheck.api.EpubCheck;
import java.io.File;

public class EpubCheckBatch {
    public static void main(String[] args) {
        int bad = 0;
        for (String path : args) {
            boolean ok = new EpubCheck(new File(path)).validate();
            System.out.println((ok ? "OK " : "FAIL ") + path);
            if (!ok) {
                bad++;
            }
        }
        System.exit(bad == 0 ? 0 : 1);
    }
}
