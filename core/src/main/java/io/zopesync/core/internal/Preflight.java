package io.zopesync.core.internal;

import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.OnExisting;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.Outcome;
import io.zopesync.core.result.TargetResult;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.zope.ZopeApi;
import io.zopesync.core.zope.ZopeResource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The checks before a run changes anything (design step 2): the source's login and objects, and each target's
 * login, folders, SSH login and import directory, all at the same time; every problem found is collected, so that
 * the user sees them all at once. A dry run ends here, with what each target would do.
 */
final class Preflight {
    private Preflight() {
    }

    /**
     * Checks the source and the targets at the same time and returns every problem found, the source's first.
     * A cancelled check is a problem too.
     */
    static List<String> check(Connections connections, Environment source, List<ObjectSpec> objects,
            Map<Environment, List<PushItem>> plan, RunContext run) {
        ExecutorService pool = Executors.newSingleThreadExecutor(TargetRuns.threads("zope-sync-preflight"));
        try {
            Future<List<String>> sourceProblems = pool.submit(() -> checkSource(connections, source, objects));
            List<String> targetProblems = checkTargets(connections, plan, run);
            List<String> problems = new ArrayList<>();
            try {
                problems.addAll(Checks.result(sourceProblems));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add("source '" + source.getName() + "': cancelled");
            }
            problems.addAll(targetProblems);
            return problems;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> checkSource(Connections connections, Environment source, List<ObjectSpec> objects) {
        List<String> problems = new ArrayList<>();
        String name = "source '" + source.getName() + "': ";
        try {
            ZopeApi zope = connections.zope(source);
            zope.checkLogin();
            List<Boolean> found = Checks.each(objects, object -> zope.exists(object.getPath()));
            for (int i = 0; i < objects.size(); i++) {
                if (!found.get(i)) {
                    problems.add(name + "object " + objects.get(i).getPath() + " does not exist");
                }
            }
        } catch (ZopeSyncException e) {
            problems.add(name + e.getMessage()
                    + Listing.notPushed(objects.stream().map(o -> o.getPath().toString()).toList()));
        }
        return problems;
    }

    static List<String> checkTargets(Connections connections, Map<Environment, List<PushItem>> plan,
            RunContext run) {
        List<Callable<List<String>>> checks = new ArrayList<>();
        plan.forEach((target, items) -> checks.add(() -> checkTarget(connections, target, items, run)));
        List<String> problems = new ArrayList<>();
        for (List<String> found : TargetRuns.runAll(checks, run, targetName -> List.of(targetName + ": cancelled"),
                new ArrayList<>(plan.keySet()))) {
            problems.addAll(found);
        }
        return problems;
    }

    /** Checks one target's Zope and, at the same time, its SSH login and import directory. */
    private static List<String> checkTarget(Connections connections, Environment target, List<PushItem> items,
            RunContext run) {
        List<String> problems = new ArrayList<>();
        String name = "target '" + target.getName() + "': ";
        SshSettings ssh = target.getSsh().orElseThrow();
        ExecutorService pool = Executors.newSingleThreadExecutor(TargetRuns.threads("zope-sync-preflight-ssh"));
        Future<String> sshProblem = pool.submit(() -> {
            try {
                connections.ssh(target).checkWritableDirectory(ssh.getImportDir());
                return null;
            } catch (ZopeSyncException e) {
                return name + e.getMessage() + Listing.notPushed(PushItem.labels(items));
            }
        });
        pool.shutdown();
        try {
            ZopeApi zope = connections.zope(target);
            zope.checkLogin();
            Set<ObjectPath> distinct = new LinkedHashSet<>();
            items.forEach(item -> distinct.add(item.targetFolder()));
            List<ObjectPath> folders = distinct.stream().filter(folder -> !folder.isRoot()).toList();
            List<ZopeResource> found = Checks.each(folders, zope::describe);
            for (int i = 0; i < folders.size(); i++) {
                if (!found.get(i).isExisting()) {
                    problems.add(name + "folder " + folders.get(i) + " does not exist");
                } else if (!found.get(i).isFolder()) {
                    // Zope would acquire the import from the object's folder and import there instead.
                    problems.add(name + "target folder " + folders.get(i) + " is " + found.get(i).describe()
                            + "; give the path of a folder");
                }
            }
            if (problems.isEmpty() && run.getOptions().getOnExisting() == OnExisting.FAIL) {
                List<Boolean> existing = Checks.each(items, item -> zope.exists(item.destination()));
                for (int i = 0; i < items.size(); i++) {
                    if (existing.get(i)) {
                        problems.add(name + "object " + items.get(i).destination()
                                + " exists already and on-existing is 'fail'");
                    }
                }
            }
        } catch (ZopeSyncException e) {
            problems.add(name + e.getMessage() + Listing.notPushed(PushItem.labels(items)));
        }
        try {
            String problem = Checks.result(sshProblem);
            if (problem != null) {
                problems.add(problem);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add(name + "cancelled");
        } finally {
            pool.shutdownNow();
        }
        return problems;
    }

    static List<TargetResult> dryRun(Connections connections, Map<Environment, List<PushItem>> plan,
            RunContext run) {
        List<TargetResult> results = new ArrayList<>();
        plan.forEach((target, items) -> {
            ZopeApi zope = connections.zope(target);
            List<ObjectResult> objects = new ArrayList<>();
            List<Boolean> existing = Checks.each(items, item -> zope.exists(item.destination()));
            for (int i = 0; i < items.size(); i++) {
                PushItem item = items.get(i);
                boolean exists = existing.get(i);
                String what = !exists ? "would be imported"
                        : run.getOptions().getOnExisting() == OnExisting.SKIP ? "exists; would be skipped"
                        : "exists; would be replaced (kept as a backup until the target succeeds)";
                objects.add(new ObjectResult(item.label(), item.targetFolder().toString(), item.id(),
                        Outcome.CHECKED, Math.max(item.size(), 0), 0, what));
            }
            TargetResult result = new TargetResult(target.getName(), TargetResult.Status.CHECKED, objects,
                    "dry run: nothing was changed", 0);
            run.getListener().targetDone(result);
            results.add(result);
        });
        return results;
    }
}
